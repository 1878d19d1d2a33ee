import { joinRows, readingRows } from '../../src/normalize/reading-order'
import type { OcrItem } from '../../src/reply/schema'

/** A box from its top-left corner, size and an optional skew (how much the right end drops). */
function line(text: string, x: number, y: number, w: number, h: number, skew = 0): OcrItem {
  return {
    text,
    pos: {
      leftTop: { x, y },
      rightTop: { x: x + w, y: y + skew },
      rightBottom: { x: x + w, y: y + h + skew },
      leftBottom: { x, y: y + h },
    },
  }
}

describe('readingRows', () => {
  it('reads rows top to bottom and left to right, whatever the input order', () => {
    const items = [
      line('C', 10, 100, 80, 20),
      line('B', 300, 12, 80, 20),
      line('A', 10, 10, 80, 20),
      line('D', 300, 98, 80, 24),
    ]
    const rows = readingRows(items)
    expect(rows.map((r) => r.map((i) => i.text))).toEqual([
      ['A', 'B'],
      ['C', 'D'],
    ])
    expect(joinRows(rows)).toBe('A B\nC D')
  })

  it('keeps close but separate rows apart', () => {
    const rows = readingRows([line('second', 10, 32, 200, 20), line('first', 10, 10, 200, 20)])
    expect(joinRows(rows)).toBe('first\nsecond')
  })

  it('keeps a slightly rotated row together', () => {
    // ±3° over 400 px is about 20 px of drop at the right end.
    const rows = readingRows([
      line('right', 420, 20, 300, 24, 10),
      line('left', 10, 10, 400, 24, 10),
    ])
    expect(joinRows(rows)).toBe('left right')
  })

  it('puts a tall heading beside small text on its row', () => {
    const rows = readingRows([line('small', 300, 20, 60, 14), line('HEADING', 10, 10, 250, 40)])
    expect(joinRows(rows)).toBe('HEADING small')
  })

  it('handles no lines', () => {
    expect(readingRows([])).toEqual([])
    expect(joinRows([])).toBe('')
  })
})
