// How far a photo is shrunk before upload, as data. The platform's limit on bytes is owned by
// src/checks/size-limit.ts; this policy only chooses how to get under it. Text stays readable when the
// long side stays at 2048 px, so quality drops before size does, and the size drops only when the bytes
// demand it. Each step starts from the original (re-compressing a compressed file adds artefacts).

export interface CompressStep {
  /** JPEG quality, 0-100. */
  quality: number
  /** The longest side after this step, in px. */
  maxLongSide: number
}

export interface CompressPolicy {
  /** A photo whose longest side exceeds this is shrunk even when its bytes already fit. */
  maxLongSide: number
  /** Tried in order until the result fits; when the last does not fit, the photo is refused. */
  steps: readonly CompressStep[]
}

export const DEFAULT_COMPRESS_POLICY: CompressPolicy = {
  maxLongSide: 2048,
  steps: [
    { quality: 80, maxLongSide: 2048 },
    { quality: 60, maxLongSide: 2048 },
    { quality: 60, maxLongSide: 1600 },
    { quality: 50, maxLongSide: 1280 },
  ],
}

export interface PhotoDimensions {
  width: number
  height: number
}

/**
 * The size after capping the long side, ratio kept, never enlarged: wx.compressImage takes the width,
 * the canvas both sides.
 */
export function cappedDimensions(dims: PhotoDimensions, maxLongSide: number): PhotoDimensions {
  const longSide = Math.max(dims.width, dims.height)
  if (longSide <= maxLongSide) return { width: dims.width, height: dims.height }
  const scale = maxLongSide / longSide
  return { width: Math.round(dims.width * scale), height: Math.round(dims.height * scale) }
}
