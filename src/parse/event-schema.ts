// The cloud function's event, parsed once at the edge. Exactly one image source; anything unknown is
// refused (except what the platform itself adds), so a typo never silently spends quota.
import * as z from 'zod'

import { parsesTo } from '../schema/exactly'
import { ImgUrlSchema } from './img-url'

/** An image sent inline. */
export interface ImgInput {
  /** Advisory only: the real type is sniffed from the bytes. */
  contentType?: string
  /** The bytes, a Buffer as JSON carries it, or base64 / a data URI. */
  value: Buffer | Uint8Array | { type: 'Buffer'; data: number[] } | string
}

/** The cloud function's event: exactly one image source. */
export interface OcrEvent {
  /** cloud://<env>.<bucket>/<path> */
  fileID?: string
  /** An absolute http(s) URL, at most 2048 characters once encoded. */
  imgUrl?: string
  img?: ImgInput
  /** Delete the fileID's file once recognition is done, so no user photo is kept. */
  deleteAfter?: boolean
  /** Belongs to the ID-card OCR APIs; the seed passes it, the platform ignores it here. */
  type?: string
  /** Added by the platform on calls from a mini program. */
  userInfo?: Record<string, unknown>
}

/** A cloud storage file id: cloud://<env>.<bucket>/<path>. */
export const FILE_ID_PATTERN = /^cloud:\/\/([^./\s]+)\.([^/\s]+)\/(.+)$/

/** A Buffer after JSON serialization (what callFunction delivers when another function sent a Buffer). */
const SerializedBuffer = z
  .object({ type: z.literal('Buffer'), data: z.array(z.number().int().min(0).max(255)) })
  .strict()

const BufferValue = z.custom<Buffer>((value) => Buffer.isBuffer(value), 'expected a Buffer')
// Any Uint8Array, whatever its buffer (z.instanceof would type it Uint8Array<ArrayBuffer> only).
const BytesValue = z.custom<Uint8Array>((value) => value instanceof Uint8Array, 'expected bytes')

export const ImgSchema = parsesTo<ImgInput>()(
  z
    .object({
      contentType: z.string().max(100).optional(),
      value: z.union([
        BufferValue,
        BytesValue,
        SerializedBuffer,
        z.string().min(1, 'img.value is empty'),
      ]),
    })
    .strict(),
)

export const OcrEventSchema = parsesTo<OcrEvent>()(
  z
    .object({
      fileID: z
        .string()
        .regex(FILE_ID_PATTERN, 'fileID must look like cloud://<env>.<bucket>/<path>')
        .optional(),
      imgUrl: ImgUrlSchema.optional(),
      img: ImgSchema.optional(),
      deleteAfter: z.boolean().optional(),
      type: z.string().optional(),
      userInfo: z.record(z.string(), z.unknown()).optional(),
    })
    .strict()
    .superRefine((event, ctx) => {
      const sources = (['fileID', 'imgUrl', 'img'] as const).filter((k) => event[k] !== undefined)
      if (sources.length === 0) {
        ctx.addIssue({
          code: 'custom',
          message: 'one image source is required: fileID, imgUrl or img',
        })
      } else if (sources.length > 1) {
        ctx.addIssue({
          code: 'custom',
          message: `exactly one image source is allowed, got ${sources.join(' and ')}`,
        })
      }
      if (event.deleteAfter === true && event.fileID === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['deleteAfter'],
          message: 'deleteAfter applies to fileID only',
        })
      }
    }),
)

/** The parsed event as one tagged source, so the rest of the code never re-checks which key is set. */
export type ImageSource =
  | { kind: 'fileID'; fileID: string; deleteAfter: boolean }
  | { kind: 'imgUrl'; imgUrl: string }
  | { kind: 'img'; img: ImgInput }

export function toImageSource(event: OcrEvent): ImageSource {
  if (event.fileID !== undefined) {
    return { kind: 'fileID', fileID: event.fileID, deleteAfter: event.deleteAfter ?? false }
  }
  if (event.imgUrl !== undefined) return { kind: 'imgUrl', imgUrl: event.imgUrl }
  if (event.img !== undefined) return { kind: 'img', img: event.img }
  // superRefine guarantees a source; reaching here means the schema and this switch disagree.
  throw new Error('parsed event has no image source')
}
