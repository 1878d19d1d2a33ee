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

interface Row {
  top: number
  bottom: number
  centreSum: number
  lines: Placed[]
}

function sharesRow(row: Row, line: Placed): boolean {
  const overlap = Math.min(row.bottom, line.bottom) - Math.max(row.top, line.top)
  const shorter = Math.min(row.bottom - row.top, line.bottom - line.top)
  return shorter > 0 ? overlap / shorter > 0.5 : overlap >= 0
}

/** Groups lines into rows, each row sorted left to right, rows sorted top to bottom. */
export function readingRows(items: readonly OcrItem[]): OcrItem[][] {
  const placed = items.map(place).sort((a, b) => a.top - b.top || a.left - b.left)
  const rows: Row[] = []
  for (const line of placed) {
    const row = rows.find((r) => sharesRow(r, line))
    const centre = (line.top + line.bottom) / 2
    if (row) {
      row.top = Math.min(row.top, line.top)
      row.bottom = Math.max(row.bottom, line.bottom)
      row.centreSum += centre
      row.lines.push(line)
    } else {
      rows.push({ top: line.top, bottom: line.bottom, centreSum: centre, lines: [line] })
    }
  }
  return rows
    .sort((a, b) => a.centreSum / a.lines.length - b.centreSum / b.lines.length)
    .map((row) => row.lines.sort((a, b) => a.left - b.left).map((p) => p.item))
}

/** Rows joined by newlines, lines within a row by a space. */
export function joinRows(rows: readonly OcrItem[][]): string {
  return rows.map((row) => row.map((item) => item.text).join(' ')).join('\n')
}
