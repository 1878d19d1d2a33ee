import { createCanvas } from '@napi-rs/canvas'
import type { SKRSContext2D } from '@napi-rs/canvas'
import sharp from 'sharp'

import { ensureCjkFont } from './font'
import { measureInk } from './ink-bounds'
import { SeededRandom } from './random'
import type { Corners, GeneratedImage, Point, TruthLine } from './truth'

export type Fill = string | { from: string; to: string; vertical?: boolean }

export interface LineSpec {
  text: string
  /** Left end of the baseline, before the image's rotation. */
  x: number
  baseline: number
  /** Pixels (14-48 in the standard corpus). */
  size: number
  color: string
  bold?: boolean
}

export interface RectSpec {
  x: number
  y: number
  w: number
  h: number
  fill: Fill
  radius?: number
}

export interface TextImageSpec {
  name: string
  width: number
  height: number
  background: Fill
  rects?: RectSpec[]
  lines: LineSpec[]
  /** Degrees, clockwise, about the image centre; the background stays square to the frame. */
  rotation?: number
  /** Amplitude of uniform per-pixel noise added to every channel (0 = clean). */
  noise?: number
  /** Seeds the noise, so the same spec always gives the same bytes. */
  seed?: number
  format?: 'png' | 'jpeg'
  jpegQuality?: number
}

export function fontFor(size: number, bold = false): string {
  return `${bold ? 'bold ' : ''}${size}px "${ensureCjkFont()}"`
}

/** Advance width of a line, for layouts that wrap or right-align text. */
export function measureAdvance(text: string, size: number, bold = false): number {
  const ctx = createCanvas(8, 8).getContext('2d')
  ctx.font = fontFor(size, bold)
  return ctx.measureText(text).width
}

/** Renders a spec to image bytes and the truth of what it shows. */
export async function generateTextImage(spec: TextImageSpec): Promise<GeneratedImage> {
  ensureCjkFont()
  const canvas = createCanvas(spec.width, spec.height)
  const ctx = canvas.getContext('2d')
  ctx.fillStyle = paint(ctx, spec.background, 0, 0, spec.width, spec.height)
  ctx.fillRect(0, 0, spec.width, spec.height)

  const radians = ((spec.rotation ?? 0) * Math.PI) / 180
  const cx = spec.width / 2
  const cy = spec.height / 2
  ctx.save()
  ctx.translate(cx, cy)
  ctx.rotate(radians)
  ctx.translate(-cx, -cy)
  for (const rect of spec.rects ?? []) {
    ctx.fillStyle = paint(ctx, rect.fill, rect.x, rect.y, rect.w, rect.h)
    ctx.beginPath()
    ctx.roundRect(rect.x, rect.y, rect.w, rect.h, rect.radius ?? 0)
    ctx.fill()
  }
  const lines: TruthLine[] = []
  ctx.textBaseline = 'alphabetic'
  for (const line of spec.lines) {
    const font = fontFor(line.size, line.bold)
    ctx.font = font
    ctx.fillStyle = line.color
    ctx.fillText(line.text, line.x, line.baseline)
    const ink = measureInk(line.text, font, line.size)
    const box: Corners = [
      { x: line.x + ink.left, y: line.baseline + ink.top },
      { x: line.x + ink.right, y: line.baseline + ink.top },
      { x: line.x + ink.right, y: line.baseline + ink.bottom },
      { x: line.x + ink.left, y: line.baseline + ink.bottom },
    ]
    const rotate = (p: Point): Point => rotateAbout(p, cx, cy, radians)
    lines.push({
      text: line.text,
      corners: [rotate(box[0]), rotate(box[1]), rotate(box[2]), rotate(box[3])],
    })
  }
  ctx.restore()

  if (spec.noise) addNoise(ctx, spec.width, spec.height, spec.noise, spec.seed ?? 1)
  const format = spec.format ?? 'png'
  const bytes = await encode(ctx, spec.width, spec.height, format, spec.jpegQuality ?? 85)
  return { name: spec.name, bytes, format, truth: { w: spec.width, h: spec.height, lines } }
}

function paint(ctx: SKRSContext2D, fill: Fill, x: number, y: number, w: number, h: number) {
  if (typeof fill === 'string') return fill
  const gradient = fill.vertical
    ? ctx.createLinearGradient(x, y, x, y + h)
    : ctx.createLinearGradient(x, y, x + w, y + h)
  gradient.addColorStop(0, fill.from)
  gradient.addColorStop(1, fill.to)
  return gradient
}

function rotateAbout(p: Point, cx: number, cy: number, radians: number): Point {
  const cos = Math.cos(radians)
  const sin = Math.sin(radians)
  const dx = p.x - cx
  const dy = p.y - cy
  return { x: cx + dx * cos - dy * sin, y: cy + dx * sin + dy * cos }
}

// Share of pixels that get grain. Grain on every pixel made a noisy A4 PNG 3 MB, over the platform's
// 2 MB upload limit; speckle on a sixth of them still keeps the engine off flat synthetic colour.
const GRAIN_DENSITY = 1 / 6

/** Sensor-like grain: the same offset on all three channels, as luminance noise looks. */
function addNoise(ctx: SKRSContext2D, w: number, h: number, amplitude: number, seed: number): void {
  const random = new SeededRandom(seed)
  const image = ctx.getImageData(0, 0, w, h)
  const { data } = image // Uint8ClampedArray: out-of-range values clamp
  for (let i = 0; i < data.length; i += 4) {
    if (random.next() >= GRAIN_DENSITY) continue
    const offset = Math.round((random.next() * 2 - 1) * amplitude)
    data[i] = (data[i] ?? 0) + offset
    data[i + 1] = (data[i + 1] ?? 0) + offset
    data[i + 2] = (data[i + 2] ?? 0) + offset
  }
  ctx.putImageData(image, 0, 0)
}

/** PNG through sharp (libspng): five times faster than the canvas encoder, and smaller. */
async function encode(
  ctx: SKRSContext2D,
  w: number,
  h: number,
  format: 'png' | 'jpeg',
  quality: number,
): Promise<Buffer> {
  const { data } = ctx.getImageData(0, 0, w, h)
  const pixels = sharp(Buffer.from(data.buffer, data.byteOffset, data.byteLength), {
    raw: { width: w, height: h, channels: 4 },
  }).removeAlpha()
  return format === 'png'
    ? pixels.png({ compressionLevel: 6 }).toBuffer()
    : pixels.jpeg({ quality, chromaSubsampling: '4:2:0' }).toBuffer()
}
