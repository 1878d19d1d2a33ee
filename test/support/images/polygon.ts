import type { Point } from './truth'

/** Area of a simple polygon (shoelace), whatever its winding. */
export function polygonArea(points: readonly Point[]): number {
  let twice = 0
  points.forEach((p, i) => {
    const q = points[(i + 1) % points.length] ?? p
    twice += p.x * q.y - q.x * p.y
  })
  return Math.abs(twice) / 2
}

/**
 * Intersection over union of two convex polygons. Line boxes are rotated rectangles on both sides, so
 * the exact polygon IoU is used rather than axis-aligned boxes, which overstate overlap under rotation.
 */
export function convexIoU(a: readonly Point[], b: readonly Point[]): number {
  const inter = polygonArea(clipConvex(a, b))
  const union = polygonArea(a) + polygonArea(b) - inter
  return union > 0 ? inter / union : 0
}

/** Sutherland-Hodgman: the part of subject inside the convex clip polygon. */
function clipConvex(subject: readonly Point[], clip: readonly Point[]): Point[] {
  const orientation = signedArea(clip) >= 0 ? 1 : -1
  let output: Point[] = [...subject]
  clip.forEach((edgeStart, i) => {
    const edgeEnd = clip[(i + 1) % clip.length] ?? edgeStart
    const inside = (p: Point) => orientation * cross(edgeStart, edgeEnd, p) >= 0
    const input = output
    output = []
    input.forEach((current, j) => {
      const previous = input[(j + input.length - 1) % input.length] ?? current
      if (inside(current)) {
        if (!inside(previous)) output.push(intersect(previous, current, edgeStart, edgeEnd))
        output.push(current)
      } else if (inside(previous)) {
        output.push(intersect(previous, current, edgeStart, edgeEnd))
      }
    })
  })
  return output
}

function signedArea(points: readonly Point[]): number {
  let twice = 0
  points.forEach((p, i) => {
    const q = points[(i + 1) % points.length] ?? p
    twice += p.x * q.y - q.x * p.y
  })
  return twice / 2
}

function cross(a: Point, b: Point, p: Point): number {
  return (b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x)
}

function intersect(p1: Point, p2: Point, a: Point, b: Point): Point {
  const d1 = cross(a, b, p1)
  const d2 = cross(a, b, p2)
  const t = d1 / (d1 - d2)
  return { x: p1.x + (p2.x - p1.x) * t, y: p1.y + (p2.y - p1.y) * t }
}
