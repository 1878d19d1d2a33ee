import type { DetectorFrame } from './detector-input'
import { minAreaRect, orderClockwise } from './min-area-rect'
import type { Quad } from './min-area-rect'
import type { Box } from './paddle-runtime'

/** PaddleOCR's DBPostProcess defaults for PP-OCRv4 (thresh, box_thresh, unclip_ratio, min_size). */
const PIXEL_THRESHOLD = 0.3
const BOX_THRESHOLD = 0.6
const UNCLIP_RATIO = 1.5
const MIN_SIDE = 3
const MIN_PIXELS = 20
const MAX_CANDIDATES = 1000

/**
 * The line boxes in a DB probability map, in image coordinates: each 8-connected region above the
 * pixel threshold, its minimum-area rectangle (over the region's pixel corners), kept when the map's
 * mean inside it passes the box threshold, grown by area * 1.5 / perimeter on every side (the
 * rectangle that bounds PaddleOCR's rounded unclip) and mapped back. In typed arrays: the generic
 * contour tracing it replaces cost 100-250 ms a page.
 */
export function dbBoxes(map: Float32Array, frame: DetectorFrame): Box[] {
  const boxes: Box[] = []
  for (const hull of regionOutlines(map, frame.width, frame.height)) {
    const box = boxOf(hull, map, frame)
    if (box) boxes.push(box)
  }
  return boxes
}

function boxOf(corners: number[], map: Float32Array, frame: DetectorFrame): Box | undefined {
  const mini = minAreaRect(corners)
  if (!mini || mini.shortSide < MIN_SIDE) return undefined
  if (meanInside(map, frame.width, frame.height, mini.quad) < BOX_THRESHOLD) return undefined
  const grown = growRect(mini.quad, unclipDistance(mini.quad))
  // The polygon offset PaddleOCR uses (Clipper's) works on whole pixels: its corners are rounded.
  const unclipped = minAreaRect(grown.flatMap((p) => [Math.round(p.x), Math.round(p.y)]))
  if (!unclipped || unclipped.shortSide < MIN_SIDE + 2) return undefined
  const original = unclipped.quad.map((p) => ({ x: p.x / frame.scaleX, y: p.y / frame.scaleY }))
  return imageBox(orderClockwise(original), frame.imageWidth, frame.imageHeight)
}

/**
 * For each region (scanned row by row, as contours are found), the corners of its leftmost and
 * rightmost pixel on every row: their hull is the hull of the region's outline. Regions of fewer
 * than MIN_PIXELS pixels or without three border pixels are skipped.
 */
function* regionOutlines(map: Float32Array, width: number, height: number): Generator<number[]> {
  const size = width * height
  const on = new Uint8Array(size)
  for (let i = 0; i < size; i++) on[i] = (map[i] ?? 0) > PIXEL_THRESHOLD ? 1 : 0
  const seen = new Uint8Array(size)
  const stack = new Int32Array(size)
  const rowMin = new Int32Array(height).fill(width)
  const rowMax = new Int32Array(height).fill(-1)
  const foreground = (x: number, y: number) =>
    x >= 0 && x < width && y >= 0 && y < height && on[y * width + x] === 1
  let found = 0
  for (let start = 0; start < size && found < MAX_CANDIDATES; start++) {
    if (!on[start] || seen[start]) continue
    seen[start] = 1
    let top = 0
    stack[top++] = start
    let pixels = 0
    let border = 0
    let firstRow = height
    let lastRow = -1
    while (top > 0) {
      const index = stack[--top] ?? 0
      const x = index % width
      const y = (index - x) / width
      pixels++
      if (
        !foreground(x - 1, y) ||
        !foreground(x + 1, y) ||
        !foreground(x, y - 1) ||
        !foreground(x, y + 1)
      )
        border++
      if (x < (rowMin[y] ?? width)) rowMin[y] = x
      if (x > (rowMax[y] ?? -1)) rowMax[y] = x
      firstRow = Math.min(firstRow, y)
      lastRow = Math.max(lastRow, y)
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx
          const ny = y + dy
          if (!foreground(nx, ny)) continue
          const next = ny * width + nx
          if (seen[next]) continue
          seen[next] = 1
          stack[top++] = next
        }
      }
    }
    const corners: number[] = []
    for (let y = firstRow; y <= lastRow; y++) {
      const left = rowMin[y] ?? 0
      const right = (rowMax[y] ?? 0) + 1
      corners.push(left, y, left, y + 1, right, y, right, y + 1)
      rowMin[y] = width
      rowMax[y] = -1
    }
    if (pixels < MIN_PIXELS || border < 3) continue
    found++
    yield corners
  }
}

/** The map's mean over the pixels inside the quad (edges included), PaddleOCR's box_score_fast. */
function meanInside(map: Float32Array, width: number, height: number, quad: Quad): number {
  const xs = quad.map((p) => p.x)
  const ys = quad.map((p) => p.y)
  const minX = Math.max(0, Math.floor(Math.min(...xs)))
  const maxX = Math.min(width - 1, Math.ceil(Math.max(...xs)))
  const minY = Math.max(0, Math.floor(Math.min(...ys)))
  const maxY = Math.min(height - 1, Math.ceil(Math.max(...ys)))
  const local = quad.map((p) => ({ x: Math.trunc(p.x - minX), y: Math.trunc(p.y - minY) }))
  let sum = 0
  let count = 0
  for (let y = minY; y <= maxY; y++) {
    for (let x = minX; x <= maxX; x++) {
      if (!insideOrOn(x - minX, y - minY, local)) continue
      sum += map[y * width + x] ?? 0
      count++
    }
  }
  return count > 0 ? sum / count : 0
}

function insideOrOn(px: number, py: number, polygon: ReadonlyArray<{ x: number; y: number }>) {
  let inside = false
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const a = polygon[i] ?? { x: 0, y: 0 }
    const b = polygon[j] ?? { x: 0, y: 0 }
    const cross = (a.x - b.x) * (py - b.y) - (a.y - b.y) * (px - b.x)
    const within =
      px >= Math.min(a.x, b.x) - 1e-6 &&
      px <= Math.max(a.x, b.x) + 1e-6 &&
      py >= Math.min(a.y, b.y) - 1e-6 &&
      py <= Math.max(a.y, b.y) + 1e-6
    if (Math.abs(cross) <= 1e-6 && within) return true
    if (a.y > py !== b.y > py && px < ((b.x - a.x) * (py - a.y)) / (b.y - a.y) + a.x)
      inside = !inside
  }
  return inside
}

/** PaddleOCR's unclip distance; below half a pixel its polygon offset leaves the shape as it is. */
function unclipDistance(quad: Quad): number {
  let area = 0
  let perimeter = 0
  quad.forEach((p, i) => {
    const q = quad[(i + 1) % 4] ?? p
    area += p.x * q.y - q.x * p.y
    perimeter += Math.hypot(p.x - q.x, p.y - q.y)
  })
  const distance = (Math.abs(area / 2) * UNCLIP_RATIO) / perimeter
  return perimeter > 0 && distance >= 0.5 ? distance : 0
}

/** The rectangle grown by `distance` on every side, along its own axes. */
function growRect([a, b, c, d]: Quad, distance: number): Quad {
  const unit = (from: { x: number; y: number }, to: { x: number; y: number }) => {
    const length = Math.hypot(to.x - from.x, to.y - from.y) || 1
    return { x: ((to.x - from.x) / length) * distance, y: ((to.y - from.y) / length) * distance }
  }
  const along = unit(a, b)
  const across = unit(a, d)
  const move = (p: { x: number; y: number }, sx: number, sy: number) => ({
    x: p.x + sx * along.x + sy * across.x,
    y: p.y + sx * along.y + sy * across.y,
  })
  return [move(a, -1, -1), move(b, 1, -1), move(c, 1, 1), move(d, -1, 1)]
}

/** Corners rounded into the image; too small a quad (3 px a side) is no line. */
function imageBox(quad: Quad, width: number, height: number): Box | undefined {
  const points = quad.map((p) => ({
    x: Math.max(0, Math.min(width - 1, Math.round(p.x))),
    y: Math.max(0, Math.min(height - 1, Math.round(p.y))),
  })) as Quad
  const [lt, rt, , lb] = points
  if (Math.trunc(Math.hypot(lt.x - rt.x, lt.y - rt.y)) <= MIN_SIDE) return undefined
  if (Math.trunc(Math.hypot(lt.x - lb.x, lt.y - lb.y)) <= MIN_SIDE) return undefined
  const xs = points.map((p) => p.x)
  const ys = points.map((p) => p.y)
  const x = Math.floor(Math.min(...xs))
  const y = Math.floor(Math.min(...ys))
  const boxWidth = Math.min(width - x, Math.ceil(Math.max(...xs)) - x)
  const boxHeight = Math.min(height - y, Math.ceil(Math.max(...ys)) - y)
  if (boxWidth <= 0 || boxHeight <= 0) return undefined
  return { x, y, width: boxWidth, height: boxHeight, points }
}
