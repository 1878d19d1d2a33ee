// Where a mini program user's uploads lie: a folder template with the user's OPENID in it, its default,
// and how it is filled. A mini program cannot know its own OPENID, so it asks once
// ({ action: 'uploadPrefix' }) and caches the answer; the prefix comes from the same template and the same
// caller identity that the fileID access rule uses, so the two cannot disagree. Everything that stores a
// user's upload (the local cloud's samples, `npm run ocr`, the playground) fills this same default.
import * as z from 'zod'

import { parsesTo } from '../schema/exactly'

/** Where in a template the user's OPENID goes. */
export const OPENID_PLACEHOLDER = '{OPENID}'

/** The function's upload prefix unless OCR_UPLOAD_PREFIX sets another. */
export const DEFAULT_UPLOAD_PREFIX = `ocr-uploads/${OPENID_PLACEHOLDER}/`

/**
 * Whether a prefix template can serve as one: a relative folder ending in "/", that never climbs out, and
 * per user (without {OPENID} every user shares it, and may read the others' uploads).
 */
export function isPrefixTemplate(template: string): boolean {
  const folders = template.split('/')
  const last = folders.pop()
  const plain = folders.every((folder) => folder !== '' && folder !== '.' && folder !== '..')
  return last === '' && folders.length > 0 && plain && template.includes(OPENID_PLACEHOLDER)
}

/**
 * The template filled for one user. Literal: String.replace would read "$&" or "$'" in the OPENID as
 * replacement patterns, so the template is split on {OPENID} and joined with the value as it is.
 */
export function fillUploadPrefix(template: string, openid: string): string {
  return template.split(OPENID_PLACEHOLDER).join(openid)
}

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
