// What recognize() accepts, parsed once at the edge, and the media it turns into. Everything a request
// could be refused for on our side (shape, base64, size, type) is settled here, before a token is asked
// for or a call is spent.
import * as z from 'zod'

import { failure } from '../errors/failure'
import { checkImageBytes } from '../checks/check-bytes'
import { decodeImgValue } from '../checks/decode-value'
import { IMAGE_EXTENSION } from '../checks/sniff'
import type { OcrFailure } from '../reply/schema'
import { ImgSchema, OcrEventSchema, type ImgInput } from '../parse/event-schema'
import { accepts } from '../schema/exactly'

const BufferValue = z.custom<Buffer>((value) => Buffer.isBuffer(value), 'expected a Buffer')

/** One image: a URL the platform fetches, or the bytes (a Buffer, or `{ contentType, value }`). */
export type RecognizeInput = { imgUrl: string } | { img: Buffer | ImgInput }

// The same URL rules as the function's event (absolute http(s), at most 2048 characters).
const UrlInputSchema = z.object({ imgUrl: OcrEventSchema.shape.imgUrl.unwrap() }).strict()
const BytesInputSchema = z.object({ img: z.union([BufferValue, ImgSchema]) }).strict()

export const RecognizeInputSchema = accepts<RecognizeInput>()(
  z.union([UrlInputSchema, BytesInputSchema]),
)

/**
 * The one shape the input claims to be, by its key: checked against it alone, zod names the field that is
 * wrong (a union's own error says only "Invalid input").
 */
function claimedShape(input: unknown): typeof UrlInputSchema | typeof BytesInputSchema {
  return typeof input === 'object' && input !== null && 'img' in input
    ? BytesInputSchema
    : UrlInputSchema
}

export type OcrMedia =
  | { kind: 'imgUrl'; imgUrl: string }
  | {
      kind: 'img'
      bytes: Buffer
      contentType: string
      filename: string
      width: number
      height: number
    }

/** The input, parsed: a URL, or bytes not yet checked. */
export type ParsedInput =
  { ok: true; kind: 'imgUrl'; imgUrl: string } | { ok: true; kind: 'img'; bytes: Buffer }

export type PreparedMedia = { ok: true; media: OcrMedia } | OcrFailure

/** The input's shape and its base64, settled at once; the bytes are checked by prepareMedia. */
export function parseRecognizeInput(input: unknown): ParsedInput | OcrFailure {
  const parsed = claimedShape(input).safeParse(input)
  if (!parsed.success) {
    return failure('INVALID_REQUEST', {
      message: `Invalid recognize() input (pass { imgUrl } or { img }):\n${z.prettifyError(parsed.error)}`,
      cause: parsed.error,
    })
  }
  if ('imgUrl' in parsed.data) return { ok: true, kind: 'imgUrl', imgUrl: parsed.data.imgUrl }
  const { img } = parsed.data
  const decoded = Buffer.isBuffer(img)
    ? { ok: true as const, bytes: img }
    : decodeImgValue(img.value)
  if (!decoded.ok) return decoded
  return { ok: true, kind: 'img', bytes: decoded.bytes }
}

/** What goes to the platform: the URL, or the bytes once they are a real and whole image. */
export async function prepareMedia(parsed: ParsedInput): Promise<PreparedMedia> {
  if (parsed.kind === 'imgUrl')
    return { ok: true, media: { kind: 'imgUrl', imgUrl: parsed.imgUrl } }
  // The declared contentType is advisory: the platform is told the type the bytes really are.
  const checked = await checkImageBytes(parsed.bytes)
  if (!checked.ok) return checked
  return {
    ok: true,
    media: {
      kind: 'img',
      bytes: checked.bytes,
      contentType: checked.contentType,
      filename: `img.${IMAGE_EXTENSION[checked.type]}`,
      width: checked.dimensions.width,
      height: checked.dimensions.height,
    },
  }
}
