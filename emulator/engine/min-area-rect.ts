import type { WirePoint as Point } from './types'

export type Quad = [Point, Point, Point, Point]

/**
 * The smallest rectangle around the points (flat x, y pairs), OpenCV's minAreaRect as PaddleOCR's
 * get_mini_boxes uses it: tried along each edge of the convex hull. Corners come clockwise from the
 * top-left; undefined for fewer than three distinct points.
 */
export function minAreaRect(
  flat: readonly number[],
): { quad: Quad; shortSide: number } | undefined {
  const points: Point[] = []
  for (let i = 0; i + 1 < flat.length; i += 2) points.push({ x: flat[i] ?? 0, y: flat[i + 1] ?? 0 })
  const hull = convexHull(points)
  if (hull.length < 3) return undefined
  let best: { quad: Quad; shortSide: number } | undefined
  let bestArea = Infinity
  hull.forEach((current, i) => {
    const next = hull[(i + 1) % hull.length] ?? current
    const angle = Math.atan2(next.y - current.y, next.x - current.x)
    const cos = Math.cos(-angle)
    const sin = Math.sin(-angle)
    let minX = Infinity
    let maxX = -Infinity
    let minY = Infinity
    let maxY = -Infinity
    for (const p of hull) {
      const x = p.x * cos - p.y * sin
      const y = p.x * sin + p.y * cos
      minX = Math.min(minX, x)
      maxX = Math.max(maxX, x)
      minY = Math.min(minY, y)
      maxY = Math.max(maxY, y)
    }
    const area = (maxX - minX) * (maxY - minY)
    if (area >= bestArea) return
    const back = (x: number, y: number) => ({
      x: x * Math.cos(angle) - y * Math.sin(angle),
      y: x * Math.sin(angle) + y * Math.cos(angle),
    })
    const corners = [back(minX, minY), back(maxX, minY), back(maxX, maxY), back(minX, maxY)]
    best = { quad: orderClockwise(corners), shortSide: Math.min(maxX - minX, maxY - minY) }
    bestArea = area
  })
  return best
}

/** Left-top, right-top, right-bottom, left-bottom: the two leftmost points are the left side. */
export function orderClockwise(points: readonly Point[]): Quad {
  const [leftA, leftB, rightA, rightB] = [...points].sort((a, b) => a.x - b.x) as Quad
  const [topLeft, bottomLeft] = leftB.y > leftA.y ? [leftA, leftB] : [leftB, leftA]
  const [topRight, bottomRight] = rightB.y > rightA.y ? [rightA, rightB] : [rightB, rightA]
  return [topLeft, topRight, bottomRight, bottomLeft]
}

/** Andrew's monotone chain; collinear points are dropped. */
function convexHull(points: readonly Point[]): Point[] {
  const sorted = [...points]
    .sort((a, b) => (a.x === b.x ? a.y - b.y : a.x - b.x))
    .filter((p, i, all) => i === 0 || p.x !== all[i - 1]?.x || p.y !== all[i - 1]?.y)
  if (sorted.length <= 1) return sorted
  const cross = (o: Point, a: Point, b: Point) =>
    (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x)
  const chain = (input: readonly Point[]) => {
    const out: Point[] = []
    for (const p of input) {
      while (
        out.length >= 2 &&
        cross(out[out.length - 2] as Point, out[out.length - 1] as Point, p) <= 0
      )
        out.pop()
      out.push(p)
    }
    out.pop()
    return out
  }
  return [...chain(sorted), ...chain([...sorted].reverse())]
}
