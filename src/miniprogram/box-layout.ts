// Boxes over the displayed photo, in percent of it. The reply's quads are in the pixels the function saw
// (the compressed upload), so they are scaled from imgSize, never from the original photo; percentages
// keep them on their lines at whatever width the photo is shown. Each box is the axis-aligned bounds of
// its quad: OCR quads are not always rectangles (perspective), the bounds always cover the text and give
// a tap target of sensible size; on a steeply tilted line neighbouring boxes may overlap.
import type { ImageSize, OcrItem } from './core-types'

export interface Box {
  index: number
  /** Percent of the photo's width (left, width) and height (top, height). */
  left: number
  top: number
  width: number
  height: number
}

function round2(value: number): number {
  return Math.round(value * 100) / 100
}

function percentOf(value: number, whole: number): number {
  return Math.min(Math.max((value * 100) / whole, 0), 100)
}

export function layoutBoxes(items: OcrItem[], imgSize: ImageSize): Box[] {
  return items.map(({ pos }, index) => {
    const corners = [pos.leftTop, pos.rightTop, pos.rightBottom, pos.leftBottom]
    const xs = corners.map((p) => percentOf(p.x, imgSize.w))
    const ys = corners.map((p) => percentOf(p.y, imgSize.h))
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
  return `left: ${box.left}%; top: ${box.top}%; width: ${box.width}%; height: ${box.height}%;`
}

/** The photo's height as a percent of its width: the frame keeps imgSize's ratio. */
export function heightRatio(imgSize: ImageSize): number {
  return round2((imgSize.h * 100) / imgSize.w)
}
