import type { Box } from './paddle-runtime'

import type { WireItem, WirePoint } from './types'

type Point = WirePoint

/**
 * The platform answers whole-pixel corners inside the image; the detector's corners are fractional
 * and come clockwise from the top-left, the same order as left_top, right_top, right_bottom, left_bottom.
 */
export function boxToWireItem(text: string, box: Box, width: number, height: number): WireItem {
  const [lt, rt, rb, lb] = box.points ?? rectangleCorners(box)
  const toWire = (point: Point): WirePoint => ({
    x: clamp(Math.round(point.x), 0, width),
    y: clamp(Math.round(point.y), 0, height),
  })
  return {
    text,
    pos: {
      left_top: toWire(lt),
      right_top: toWire(rt),
      right_bottom: toWire(rb),
      left_bottom: toWire(lb),
    },
  }
}

function rectangleCorners(box: Box): [Point, Point, Point, Point] {
  const right = box.x + box.width
  const bottom = box.y + box.height
  return [
    { x: box.x, y: box.y },
    { x: right, y: box.y },
    { x: right, y: bottom },
    { x: box.x, y: bottom },
  ]
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value))
}
