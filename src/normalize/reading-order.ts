// Puts recognized lines in reading order from their boxes, not from the order the platform listed them:
// rows top to bottom, lines left to right within a row. Two lines share a row when their vertical spans
// overlap by more than half of the shorter one, which holds for slightly rotated photos too.
import type { OcrItem } from '../reply/schema'

interface Placed {
  item: OcrItem
  top: number
  bottom: number
  left: number
}

function place(item: OcrItem): Placed {
  const { leftTop, rightTop, rightBottom, leftBottom } = item.pos
  return {
    item,
    top: (leftTop.y + rightTop.y) / 2,
    bottom: (leftBottom.y + rightBottom.y) / 2,
    left: Math.min(leftTop.x, leftBottom.x),
  }
}

function sharesRow(row: Placed[], line: Placed): boolean {
  const top = Math.min(...row.map((p) => p.top))
  const bottom = Math.max(...row.map((p) => p.bottom))
  const overlap = Math.min(bottom, line.bottom) - Math.max(top, line.top)
  const shorter = Math.min(bottom - top, line.bottom - line.top)
  return shorter > 0 ? overlap / shorter > 0.5 : overlap >= 0
}

/** Groups lines into rows, each row sorted left to right, rows sorted top to bottom. */
export function readingRows(items: readonly OcrItem[]): OcrItem[][] {
  const placed = items.map(place).sort((a, b) => a.top - b.top || a.left - b.left)
  const rows: Placed[][] = []
  for (const line of placed) {
    const row = rows.find((r) => sharesRow(r, line))
    if (row) row.push(line)
    else rows.push([line])
  }
  const centre = (row: Placed[]) => row.reduce((s, p) => s + p.top + p.bottom, 0) / (2 * row.length)
  return rows
    .sort((a, b) => centre(a) - centre(b))
    .map((row) => row.sort((a, b) => a.left - b.left).map((p) => p.item))
}

/** Rows joined by newlines, lines within a row by a space. */
export function joinRows(rows: readonly OcrItem[][]): string {
  return rows.map((row) => row.map((item) => item.text).join(' ')).join('\n')
}
