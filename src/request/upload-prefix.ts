// A mini program cannot know its own OPENID, yet its uploads must lie under the prefix the function
// checks. It asks once ({ action: 'uploadPrefix' }) and caches the answer; the prefix comes from the same
// config and the same caller identity that the fileID guard uses, so the two cannot disagree.
import * as z from 'zod'

export const UploadPrefixRequestSchema = z
  .object({
    action: z.literal('uploadPrefix'),
    userInfo: z.record(z.string(), z.unknown()).optional(),
  })
  .strict()

export const UploadPrefixReplySchema = z.object({
  ok: z.literal(true),
  /** e.g. "ocr-uploads/oAbC123/": put uploads below it, then send their fileID. */
  uploadPrefix: z.string(),
})
export type UploadPrefixReply = z.infer<typeof UploadPrefixReplySchema>

export function isUploadPrefixRequest(event: unknown): boolean {
  return UploadPrefixRequestSchema.safeParse(event).success
}
