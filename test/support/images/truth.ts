/** What a generated image is known to contain: the basis every accuracy number is computed from. */

export interface Point {
  x: number
  y: number
}

/** left-top, right-top, right-bottom, left-bottom: the platform's order. */
export type Corners = [Point, Point, Point, Point]

export interface TruthLine {
  text: string
  /** The ink box of the line, after the image's rotation. */
  corners: Corners
}

export interface ImageTruth {
  w: number
  h: number
  lines: TruthLine[]
}

export interface GeneratedImage {
  name: string
  /** PNG or JPEG bytes, as a user would upload them. */
  bytes: Buffer
  format: 'png' | 'jpeg'
  truth: ImageTruth
}
