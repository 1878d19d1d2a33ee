import type { Box } from './paddle-runtime'
import type { WirePoint as Point } from './types'

/** The PP-OCRv4 recognizer reads lines 48 px high, at least 320 px wide, one time step per 8 px. */
export const LINE_HEIGHT = 48
export const LINE_MIN_WIDTH = 320

/** A detected line's corners in reading order: left-top, right-top, right-bottom, left-bottom. */
export type LineQuad = [Point, Point, Point, Point]

/**
 * The line as the recognizer reads it. A box at least 1.5 times taller than wide is vertical text:
 * PaddleOCR turns such crops a quarter counter-clockwise, so its right-top corner becomes the left-top.
 */
export function lineQuad(box: Box): LineQuad {
  const [lt, rt, rb, lb] = lineQuadCorners(box)
  return isVertical([lt, rt, rb, lb]) ? [rt, rb, lb, lt] : [lt, rt, rb, lb]
}

/** Corners in reading order back in the image's order (left-top first), undoing lineQuad's turn. */
export function imageOrder(readingQuad: LineQuad, box: Box): LineQuad {
  const [a, b, c, d] = readingQuad
  return isVertical(lineQuadCorners(box)) ? [d, a, b, c] : readingQuad
}

function lineQuadCorners(box: Box): LineQuad {
  return (
    box.points ?? [
      { x: box.x, y: box.y },
      { x: box.x + box.width, y: box.y },
      { x: box.x + box.width, y: box.y + box.height },
      { x: box.x, y: box.y + box.height },
    ]
  )
}

function isVertical([lt, rt, rb, lb]: LineQuad): boolean {
  const width = Math.max(distance(lt, rt), distance(lb, rb), 1)
  const height = Math.max(distance(lt, lb), distance(rt, rb), 1)
  return height / width >= 1.5
}

/** Width over height of the line, as the crop would have it. */
export function lineAspect([lt, rt, rb, lb]: LineQuad): number {
  const width = Math.max(distance(lt, rt), distance(lb, rb), 1)
  const height = Math.max(distance(lt, lb), distance(rt, rb), 1)
  return width / height
}

/** Decoded pixels: interleaved RGB, `width` x `height`. */
export interface RgbPixels {
  width: number
  height: number
  data: Uint8Array
}

/** A line as the recognizer reads it: `width` columns of the quad, in a tensor `tensorWidth` wide. */
export interface SampledLine {
  /** [1, 3, 48, tensorWidth]: BGR scaled to [-1, 1]; columns past `width` are 0. */
  tensor: Float32Array
  /** The sampled line in grey, `width` x 48, for the ink gaps between characters. */
  grey: Uint8Array
  width: number
  tensorWidth: number
}

/**
 * Samples the quad to its own width at 48 px high (at least PaddleOCR's 320 px, which the tensor is
 * padded to with 0 as PaddleOCR pads), BGR and scaled to [-1, 1] as PaddleOCR's recognizer expects.
 * One pass replaces crop, resize and normalise, which cost as much as the model on a dense page.
 */
export function sampleLine(image: RgbPixels, quad: LineQuad): SampledLine {
  const width = Math.ceil(LINE_HEIGHT * lineAspect(quad))
  const tensorWidth = Math.max(width, LINE_MIN_WIDTH)
  const [lt, rt, rb, lb] = quad
  const tensor = new Float32Array(3 * LINE_HEIGHT * tensorWidth)
  const grey = new Uint8Array(width * LINE_HEIGHT)
  const plane = LINE_HEIGHT * tensorWidth
  // Shrinking a tall line to 48 px with one sample per pixel would alias thin strokes away.
  const scale = Math.max(distance(lt, lb), distance(rt, rb)) / LINE_HEIGHT
  const taps = Math.min(4, Math.max(1, Math.ceil(scale)))
  const samples = taps * taps
  const sum = new Float64Array(3)
  for (let y = 0; y < LINE_HEIGHT; y++) {
    for (let x = 0; x < width; x++) {
      sum.fill(0)
      for (let sy = 0; sy < taps; sy++) {
        const v = (y + (sy + 0.5) / taps) / LINE_HEIGHT
        for (let sx = 0; sx < taps; sx++) {
          const u = (x + (sx + 0.5) / taps) / width
          const topX = lt.x + (rt.x - lt.x) * u
          const topY = lt.y + (rt.y - lt.y) * u
          const bottomX = lb.x + (rb.x - lb.x) * u
          const bottomY = lb.y + (rb.y - lb.y) * u
          addBilinear(
            image,
            topX + (bottomX - topX) * v - 0.5,
            topY + (bottomY - topY) * v - 0.5,
            sum,
          )
        }
      }
      const r = (sum[0] ?? 0) / samples
      const g = (sum[1] ?? 0) / samples
      const b = (sum[2] ?? 0) / samples
      const at = y * tensorWidth + x
      tensor[at] = b / 127.5 - 1
      tensor[at + plane] = g / 127.5 - 1
      tensor[at + 2 * plane] = r / 127.5 - 1
      grey[y * width + x] = Math.round(0.299 * r + 0.587 * g + 0.114 * b)
    }
  }
  return { tensor, grey, width, tensorWidth }
}

function addBilinear(image: RgbPixels, x: number, y: number, into: Float64Array): void {
  const { width, height, data } = image
  const cx = Math.min(Math.max(x, 0), width - 1)
  const cy = Math.min(Math.max(y, 0), height - 1)
  const x0 = Math.floor(cx)
  const y0 = Math.floor(cy)
  const x1 = Math.min(x0 + 1, width - 1)
  const y1 = Math.min(y0 + 1, height - 1)
  const fx = cx - x0
  const fy = cy - y0
  const i00 = (y0 * width + x0) * 3
  const i01 = (y0 * width + x1) * 3
  const i10 = (y1 * width + x0) * 3
  const i11 = (y1 * width + x1) * 3
  for (let c = 0; c < 3; c++) {
    const top = (data[i00 + c] ?? 0) * (1 - fx) + (data[i01 + c] ?? 0) * fx
    const bottom = (data[i10 + c] ?? 0) * (1 - fx) + (data[i11 + c] ?? 0) * fx
    into[c] = (into[c] ?? 0) + top * (1 - fy) + bottom * fy
  }
}

function distance(a: Point, b: Point): number {
  return Math.hypot(a.x - b.x, a.y - b.y)
}
