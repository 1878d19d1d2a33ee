// Boxes over the displayed photo. The reply's quads are in the pixels the function saw (the compressed
// upload), so they are scaled from imgSize, never from the original photo. Each box is the axis-aligned
// bounds of its quad: OCR quads are not always rectangles (perspective), the bounds always cover the text
// and give a tap target of sensible size; on a steeply tilted line neighbouring boxes may overlap.
import type { ImageSize, OcrItem } from '../types/core'

export interface DisplaySize {
  width: number
  height: number
}

export interface Box {
  index: number
  left: number
  top: number
  width: number
  height: number
}

function round2(value: number): number {
  return Math.round(value * 100) / 100
}

function clamp(value: number, max: number): number {
  return Math.min(Math.max(value, 0), max)
}

/** The photo fills the available width and keeps imgSize's ratio, so boxes and pixels line up. */
export function displaySizeFor(imgSize: ImageSize, availableWidth: number): DisplaySize {
  return { width: availableWidth, height: round2((availableWidth * imgSize.h) / imgSize.w) }
}

export function layoutBoxes(items: OcrItem[], imgSize: ImageSize, display: DisplaySize): Box[] {
  const scaleX = display.width / imgSize.w
  const scaleY = display.height / imgSize.h
  return items.map(({ pos }, index) => {
    const corners = [pos.leftTop, pos.rightTop, pos.rightBottom, pos.leftBottom]
    const xs = corners.map((p) => clamp(p.x * scaleX, display.width))
    const ys = corners.map((p) => clamp(p.y * scaleY, display.height))
    const left = Math.min(...xs)
    const top = Math.min(...ys)
    return {
      index,
      left: round2(left),
      top: round2(top),
      width: round2(Math.max(...xs) - left),
      height: round2(Math.max(...ys) - top),
    }
  })
}

export function boxStyle(box: Box): string {
  return `left: ${box.left}px; top: ${box.top}px; width: ${box.width}px; height: ${box.height}px;`
}
