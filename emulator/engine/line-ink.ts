import { LINE_HEIGHT } from './line-tensor'
import type { LineQuad } from './line-tensor'

/** Where the ink is on a sampled line (LINE_HEIGHT rows of `width` columns); ends are exclusive. */
export interface LineInk {
  blankColumn: boolean[]
  /**
   * Per column, the first ink row and the row after the last, where the column holds at least two
   * ink pixels (a speck alone gives no extent); 0 and 0 elsewhere. A glyph's height is read from these.
   */
  columnTop: number[]
  columnBottom: number[]
  top: number
  bottom: number
  left: number
  right: number
}

/**
 * Ink is what differs from the background (the median grey: text covers less than half a line) by
 * more than a third of the line's strongest contrast, so light text on a dark card counts too, and
 * grain or JPEG ringing does not.
 */
export function measureLineInk(grey: Uint8Array, width: number): LineInk {
  const background = nthSmallest(histogram(grey), grey.length >> 1)
  const contrast = grey.map((value) => Math.abs(value - background))
  const strongest = nthSmallest(histogram(contrast), Math.floor(contrast.length * 0.995))
  const threshold = Math.max(24, 0.35 * strongest)
  const columnInk = new Uint16Array(width)
  const rowInk = new Uint16Array(LINE_HEIGHT)
  const columnTop = new Array<number>(width).fill(0)
  const columnBottom = new Array<number>(width).fill(0)
  for (let y = 0; y < LINE_HEIGHT; y++) {
    for (let x = 0; x < width; x++) {
      if ((contrast[y * width + x] ?? 0) <= threshold) continue
      const count = (columnInk[x] ?? 0) + 1
      columnInk[x] = count
      rowInk[y] = (rowInk[y] ?? 0) + 1
      if (count === 1) columnTop[x] = y
      columnBottom[x] = y + 1
    }
  }
  for (let x = 0; x < width; x++) {
    if ((columnInk[x] ?? 0) >= 2) continue
    columnTop[x] = 0
    columnBottom[x] = 0
  }
  // A row or column needs a few ink pixels to count for the extent: a stray speck must not widen it.
  const rows = span(rowInk, Math.max(2, 0.02 * width))
  const columns = span(columnInk, 2)
  return {
    blankColumn: Array.from(columnInk, (count) => count === 0),
    columnTop,
    columnBottom,
    top: rows.first,
    bottom: rows.last,
    left: columns.first,
    right: columns.last,
  }
}

function histogram(values: Uint8Array): Uint32Array {
  const counts = new Uint32Array(256)
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1
  return counts
}

/** The value at `rank` (0-based) in sorted order, read off a histogram: a sort without sorting. */
function nthSmallest(counts: Uint32Array, rank: number): number {
  let seen = 0
  for (let value = 0; value < counts.length; value++) {
    seen += counts[value] ?? 0
    if (seen > rank) return value
  }
  return counts.length - 1
}

function span(counts: Uint16Array, minimum: number): { first: number; last: number } {
  const first = counts.findIndex((count) => count >= minimum)
  if (first < 0) return { first: 0, last: counts.length }
  let last = counts.length
  while (last > first && (counts[last - 1] ?? 0) < minimum) last--
  return { first, last }
}

/**
 * The detector's box is the line grown by PaddleOCR's unclip ratio, which suits the recognizer; the
 * caller gets the box of the ink itself, as the platform draws it, mapped back through the same quad.
 */
export function inkQuad(quad: LineQuad, ink: LineInk, width: number): LineQuad {
  const [lt, rt, rb, lb] = quad
  const at = (u: number, v: number) => {
    const top = { x: lt.x + (rt.x - lt.x) * u, y: lt.y + (rt.y - lt.y) * u }
    const bottom = { x: lb.x + (rb.x - lb.x) * u, y: lb.y + (rb.y - lb.y) * u }
    return { x: top.x + (bottom.x - top.x) * v, y: top.y + (bottom.y - top.y) * v }
  }
  const [u0, u1] = [ink.left / width, ink.right / width]
  const [v0, v1] = [ink.top / LINE_HEIGHT, ink.bottom / LINE_HEIGHT]
  return [at(u0, v0), at(u1, v0), at(u1, v1), at(u0, v1)]
}
