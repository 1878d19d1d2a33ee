// The one reply every caller gets: a success with lines and boxes, or a typed failure. The schemas are the
// source of truth; the types are inferred from them, so the contract cannot drift from its check.
import * as z from 'zod'
import { ERROR_CODES } from '../errors/catalog'

export const PointSchema = z.object({ x: z.number(), y: z.number() })
export type Point = z.infer<typeof PointSchema>

export const QuadSchema = z.object({
  leftTop: PointSchema,
  rightTop: PointSchema,
  rightBottom: PointSchema,
  leftBottom: PointSchema,
})
export type Quad = z.infer<typeof QuadSchema>

export const OcrItemSchema = z.object({ text: z.string(), pos: QuadSchema })
export type OcrItem = z.infer<typeof OcrItemSchema>

export const ImageSizeSchema = z.object({ w: z.number(), h: z.number() })
export type ImageSize = z.infer<typeof ImageSizeSchema>

export const OcrSuccessSchema = z.object({
  ok: z.literal(true),
  /** Lines in reading order: top to bottom, left to right within a row. */
  items: z.array(OcrItemSchema),
  imgSize: ImageSizeSchema,
  /** The lines joined in reading order: rows by newline, lines within a row by a space. */
  text: z.string(),
  /** True when the reply came from the result cache and spent no quota. */
  cached: z.boolean().optional(),
})
export type OcrSuccess = z.infer<typeof OcrSuccessSchema>

export const ErrorCodeSchema = z.enum(ERROR_CODES)

export const OcrErrorSchema = z.object({
  code: ErrorCodeSchema,
  /** The platform's numeric code, where the platform gave one. */
  errCode: z.number().optional(),
  /** For developers, in English. */
  message: z.string(),
  /** Safe to show an end user, in Chinese. */
  userMessage: z.string(),
  retryable: z.boolean(),
  /** What to do about it. */
  hint: z.string(),
  /** Correlates the reply with the function's log line. */
  requestId: z.string().optional(),
  /** For a daily limit: when it resets (ISO 8601, next midnight UTC+8). */
  resetsAt: z.string().optional(),
})
export type OcrError = z.infer<typeof OcrErrorSchema>

export const OcrFailureSchema = z.object({ ok: z.literal(false), error: OcrErrorSchema })
export type OcrFailure = z.infer<typeof OcrFailureSchema>

export const OcrReplySchema = z.discriminatedUnion('ok', [OcrSuccessSchema, OcrFailureSchema])
export type OcrReply = z.infer<typeof OcrReplySchema>
