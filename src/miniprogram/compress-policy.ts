// How far a photo is shrunk before upload, as data. The platform refuses images of 2 MB or more, and text
// is read as well at a long side of ~1600 px as at a phone's native 4000 px, so bigger only costs upload
// time. Each step starts from the original (re-compressing an already compressed file adds artefacts).

export interface CompressStep {
  /** JPEG quality, 0-100. */
  quality: number
  /** The longest side after this step, in px. */
  maxLongSide: number
}

export interface CompressPolicy {
  /** Uploads must be strictly below this many bytes (the platform's limit is 2 MB). */
  maxBytes: number
  /** A photo whose longest side exceeds this is shrunk even when its bytes already fit. */
  maxLongSide: number
  /** Tried in order until the result fits; when the last does not fit, the photo is refused. */
  steps: readonly CompressStep[]
}

export const DEFAULT_COMPRESS_POLICY: CompressPolicy = {
  maxBytes: 2 * 1024 * 1024,
  maxLongSide: 2048,
  steps: [
    { quality: 80, maxLongSide: 2048 },
    { quality: 70, maxLongSide: 1600 },
    { quality: 60, maxLongSide: 1280 },
    { quality: 50, maxLongSide: 1024 },
  ],
}

export interface PhotoDimensions {
  width: number
  height: number
}

export function needsCompression(
  size: number,
  dims: PhotoDimensions,
  policy: CompressPolicy,
): boolean {
  return size >= policy.maxBytes || Math.max(dims.width, dims.height) > policy.maxLongSide
}

/**
 * wx.compressImage takes a target width and keeps the ratio; a portrait photo's long side is its height,
 * so the width is derived from whichever side is longer. Never enlarges.
 */
export function targetWidth(dims: PhotoDimensions, maxLongSide: number): number {
  const longSide = Math.max(dims.width, dims.height)
  if (longSide <= maxLongSide) return dims.width
  return Math.round((dims.width * maxLongSide) / longSide)
}
