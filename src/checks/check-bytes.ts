import { IMAGE_MIME, sniffImageType, type ImageType } from './sniff'
import { inspectImageStructure, type ImageDimensions } from './integrity'
import { failure } from '../errors/failure'
import { IMAGE_SIZE_LIMIT_TEXT, isUnderImageSizeLimit } from './size-limit'
import type { OcrFailure } from '../reply/schema'

export interface CheckedImage {
  ok: true
  bytes: Buffer
  type: ImageType
  /** The sniffed type's MIME: what the SDK gets as contentType. */
  contentType: string
  /** From the header, for the log line. */
  dimensions: ImageDimensions
}

/** Checks bytes before any call that spends quota: not empty, not over 2 MB, a real and whole image. */
export async function checkImageBytes(bytes: Buffer): Promise<CheckedImage | OcrFailure> {
  if (bytes.length === 0) {
    return failure('UNSUPPORTED_IMAGE', { message: 'The image is empty (0 bytes).' })
  }
  if (!isUnderImageSizeLimit(bytes.length)) {
    return failure('IMAGE_TOO_LARGE', {
      message: `The image is ${bytes.length} bytes; ${IMAGE_SIZE_LIMIT_TEXT}.`,
    })
  }
  const type = sniffImageType(bytes)
  if (type === undefined) {
    const head = bytes.subarray(0, 8).toString('hex')
    return failure('UNSUPPORTED_IMAGE', {
      message: `The bytes are not a JPEG, PNG, BMP, GIF or WebP image (first bytes: ${head}).`,
    })
  }
  const structure = await inspectImageStructure(bytes, type)
  if (!structure.ok) {
    return failure('IMAGE_CORRUPT', {
      message: `The bytes start like a ${type.toUpperCase()} image but ${structure.reason}.`,
    })
  }
  const dimensions = { width: structure.width, height: structure.height }
  return { ok: true, bytes, type, contentType: IMAGE_MIME[type], dimensions }
}
