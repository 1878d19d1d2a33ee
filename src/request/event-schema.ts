// The cloud function's event, parsed once at the edge. Exactly one image source; anything unknown is
// refused (except what the platform itself adds), so a typo never silently spends quota.
import * as z from 'zod'

import { ImgUrlSchema } from './img-url'

/** A cloud storage file id: cloud://<env>.<bucket>/<path>. */
export const FILE_ID_PATTERN = /^cloud:\/\/([^./\s]+)\.([^/\s]+)\/(.+)$/

/** A Buffer after JSON serialization (what callFunction delivers when another function sent a Buffer). */
const SerializedBuffer = z
  .object({ type: z.literal('Buffer'), data: z.array(z.number().int().min(0).max(255)) })
  .strict()

const BufferValue = z.custom<Buffer>((value) => Buffer.isBuffer(value), 'expected a Buffer')

export const ImgSchema = z
  .object({
    /** Advisory only: the real type is sniffed from the bytes. */
    contentType: z.string().max(100).optional(),
    value: z.union([
      BufferValue,
      z.instanceof(Uint8Array),
      SerializedBuffer,
      z.string().min(1, 'img.value is empty'),
    ]),
  })
  .strict()
export type ImgInput = z.infer<typeof ImgSchema>

export const OcrEventSchema = z
  .object({
    fileID: z
      .string()
      .regex(FILE_ID_PATTERN, 'fileID must look like cloud://<env>.<bucket>/<path>')
      .optional(),
    imgUrl: ImgUrlSchema.optional(),
    img: ImgSchema.optional(),
    /** Delete the fileID's file once recognition is done, so no user photo is kept. */
    deleteAfter: z.boolean().optional(),
    /** Belongs to the ID-card OCR APIs; the seed passes it, the platform ignores it here. */
    type: z.string().optional(),
    /** Added by the platform on calls from a mini program. */
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
  })
export type OcrEvent = z.infer<typeof OcrEventSchema>

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
