// A mini program cannot know its own OPENID, yet its uploads must lie under the prefix the function
// checks. It asks once ({ action: 'uploadPrefix' }) and caches the answer; the prefix comes from the same
// config and the same caller identity that the fileID guard uses, so the two cannot disagree.
import * as z from 'zod'

import { parsesTo } from '../schema/exactly'

export interface UploadPrefixRequest {
  action: 'uploadPrefix'
  /** Added by the platform on calls from a mini program. */
  userInfo?: Record<string, unknown>
}

export interface UploadPrefixReply {
  ok: true
  /** e.g. "ocr-uploads/oAbC123/": put uploads below it, then send their fileID. */
  uploadPrefix: string
}

export const UploadPrefixRequestSchema = parsesTo<UploadPrefixRequest>()(
  z
    .object({
      action: z.literal('uploadPrefix'),
      userInfo: z.record(z.string(), z.unknown()).optional(),
    })
    .strict(),
)

export const UploadPrefixReplySchema = parsesTo<UploadPrefixReply>()(
  z.object({ ok: z.literal(true), uploadPrefix: z.string() }),
)

export function isUploadPrefixRequest(event: unknown): boolean {
  return UploadPrefixRequestSchema.safeParse(event).success
}
