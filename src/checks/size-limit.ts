// The platform's one limit on an image: "小于2M", strictly less than 2 MiB. This file owns the rule; the
// function's checks, the HTTPS client, the local cloud's endpoint and the mini program's compression all
// derive from it, so an image of exactly 2 MiB is refused everywhere before it can spend a call.

/** The first size the platform refuses: an image must be strictly smaller. */
export const IMAGE_SIZE_LIMIT_BYTES = 2 * 1024 * 1024

/** True when an image of this many bytes is under the platform's limit. */
export function isUnderImageSizeLimit(byteLength: number): boolean {
  return byteLength < IMAGE_SIZE_LIMIT_BYTES
}

/** The limit as every message says it. */
export const IMAGE_SIZE_LIMIT_TEXT = `images must be under ${IMAGE_SIZE_LIMIT_BYTES} bytes (2 MB)`
