// A fast, deterministic stand-in for the OCR engine, for unit and load tests: it decodes only the image
// header (sharp metadata) to learn the real size and to refuse non-images as the real engine would, and
// answers fixed lines laid out inside the image.
import { createHash } from 'node:crypto'

import sharp from 'sharp'

import { ImageDecodeError, type EngineResult, type OcrEngine, type WireItem } from '../engine/types'

export interface FakeEngineOptions {
  /** The lines to "recognize"; default: a fixed line and one naming the image's size and digest. */
  lines?: readonly string[]
}

export const FAKE_ENGINE_NAME = 'fake (deterministic, for tests)'

function lineBox(text: string, index: number, count: number, w: number, h: number): WireItem {
  const rowHeight = h / (count + 1)
  const top = Math.round(rowHeight * index + rowHeight / 2)
  const bottom = Math.min(h, Math.round(top + rowHeight * 0.8))
  const left = Math.round(w * 0.05)
  const right = Math.max(left, Math.round(w * 0.95))
  return {
    text,
    pos: {
      left_top: { x: left, y: top },
      right_top: { x: right, y: top },
      right_bottom: { x: right, y: bottom },
      left_bottom: { x: left, y: bottom },
    },
  }
}

export class FakeEngine implements OcrEngine {
  readonly name = FAKE_ENGINE_NAME
  /** How many images it was asked to read: tests assert the platform's call count through it. */
  calls = 0
  disposed = false

  constructor(private readonly options: FakeEngineOptions = {}) {}

  async recognize(image: Buffer): Promise<EngineResult> {
    this.calls += 1
    let width: number | undefined
    let height: number | undefined
    try {
      const metadata = await sharp(image).metadata()
      width = metadata.width
      height = metadata.height
    } catch (error) {
      throw new ImageDecodeError(`not a decodable image: ${String(error)}`)
    }
    if (width === undefined || height === undefined) {
      throw new ImageDecodeError('image without dimensions')
    }
    const digest = createHash('sha256').update(image).digest('hex').slice(0, 8)
    const lines = this.options.lines ?? ['localcloud fake engine', `${width}x${height} ${digest}`]
    return {
      items: lines.map((text, i) => lineBox(text, i, lines.length, width, height)),
      img_size: { w: width, h: height },
    }
  }

  async dispose(): Promise<void> {
    this.disposed = true
  }
}
