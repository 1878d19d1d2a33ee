import { createCanvas } from '@napi-rs/canvas'

export interface InkBounds {
  /** Offsets from the text origin (left end of the alphabetic baseline). */
  left: number
  right: number
  top: number
  bottom: number
}

// Below this alpha a pixel is antialiasing fringe, not ink a reader (or a detector) would count.
const INK_ALPHA = 64

/**
 * Measures where a line's ink actually lands by drawing it alone and scanning the pixels.
 * measureText's actualBoundingBox* is wrong for lines that mix Chinese and Latin runs in
 * @napi-rs/canvas (it reports the first run only), and the truth boxes must be exact.
 */
export function measureInk(text: string, font: string, fontSize: number): InkBounds {
  const probe = createCanvas(8, 8).getContext('2d')
  probe.font = font
  const advance = probe.measureText(text).width
  const pad = Math.ceil(fontSize)
  const width = Math.ceil(advance) + 2 * pad
  const height = 3 * pad
  const canvas = createCanvas(width, height)
  const ctx = canvas.getContext('2d')
  ctx.font = font
  ctx.textBaseline = 'alphabetic'
  ctx.fillStyle = '#000'
  const baseline = 2 * pad
  ctx.fillText(text, pad, baseline)
  const { data } = ctx.getImageData(0, 0, width, height)
  let minX = width
  let maxX = -1
  let minY = height
  let maxY = -1
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if ((data[(y * width + x) * 4 + 3] ?? 0) < INK_ALPHA) continue
      if (x < minX) minX = x
      if (x > maxX) maxX = x
      if (y < minY) minY = y
      if (y > maxY) maxY = y
    }
  }
  if (maxX < 0) throw new Error(`The line ${JSON.stringify(text)} draws no ink.`)
  return {
    left: minX - pad,
    right: maxX + 1 - pad,
    top: minY - baseline,
    bottom: maxY + 1 - baseline,
  }
}
