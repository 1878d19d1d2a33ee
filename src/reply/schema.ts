// The one reply every caller gets: a success with lines and boxes, or a typed failure. The interfaces are
// what the package declares (no zod in its types); the schemas check replies at run time, and each is tied
// to its interface both ways by parsesTo (src/schema/exactly.ts), so the two cannot drift apart.
import * as z from 'zod'

import { ERROR_CODES, type ErrorCode } from '../errors/catalog'
import { parsesTo } from '../schema/exactly'

export interface Point {
  x: number
  y: number
}

export interface Quad {
  leftTop: Point
  rightTop: Point
  rightBottom: Point
  leftBottom: Point
}

export interface OcrItem {
  text: string
  pos: Quad
}

export interface ImageSize {
  w: number
  h: number
}

export interface OcrSuccess {
  ok: true
  /** Lines in reading order: top to bottom, left to right within a row. */
  items: OcrItem[]
  imgSize: ImageSize
  /** The lines joined in reading order: rows by newline, lines within a row by a space. */
  text: string
  /** True when the reply came from the result cache and spent no quota. */
  cached?: boolean
}

export interface OcrError {
  code: ErrorCode
  /** The platform's numeric code, where the platform gave one. */
  errCode?: number
  /** For developers, in English. */
  message: string
  /** Safe to show an end user, in Chinese. */
  userMessage: string
  retryable: boolean
  /** What to do about it. */
  hint: string
  /** Correlates the reply with the function's log line. */
  requestId?: string
  /** For a daily limit: when it resets (ISO 8601, next midnight UTC+8). */
  resetsAt?: string
}

export interface OcrFailure {
  ok: false
  error: OcrError
}

export type OcrReply = OcrSuccess | OcrFailure

export const PointSchema = parsesTo<Point>()(z.object({ x: z.number(), y: z.number() }))

export const QuadSchema = parsesTo<Quad>()(
  z.object({
    leftTop: PointSchema,
    rightTop: PointSchema,
    rightBottom: PointSchema,
    leftBottom: PointSchema,
  }),
)

export const OcrItemSchema = parsesTo<OcrItem>()(z.object({ text: z.string(), pos: QuadSchema }))

export const ImageSizeSchema = parsesTo<ImageSize>()(z.object({ w: z.number(), h: z.number() }))

export const OcrSuccessSchema = parsesTo<OcrSuccess>()(
  z.object({
    ok: z.literal(true),
    items: z.array(OcrItemSchema),
    imgSize: ImageSizeSchema,
    text: z.string(),
    cached: z.boolean().optional(),
  }),
)

export const ErrorCodeSchema = parsesTo<ErrorCode>()(z.enum(ERROR_CODES))

export const OcrErrorSchema = parsesTo<OcrError>()(
  z.object({
    code: ErrorCodeSchema,
    errCode: z.number().optional(),
    message: z.string(),
    userMessage: z.string(),
    retryable: z.boolean(),
    hint: z.string(),
    requestId: z.string().optional(),
    resetsAt: z.string().optional(),
  }),
)

export const OcrFailureSchema = parsesTo<OcrFailure>()(
  z.object({ ok: z.literal(false), error: OcrErrorSchema }),
)

export const OcrReplySchema = parsesTo<OcrReply>()(
  z.discriminatedUnion('ok', [OcrSuccessSchema, OcrFailureSchema]),
)
