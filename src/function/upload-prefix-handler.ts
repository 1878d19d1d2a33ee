// The function's second action: { action: 'uploadPrefix' } answers where this mini program user must upload.
// A mini program cannot know its own OPENID; the prefix comes from the same rule (prefixFor) and the same
// caller identity that the fileID guard checks, so the two cannot disagree. Nothing is recognized or spent.
import { failure } from '../errors/failure'
import type { OcrFailure } from '../reply/schema'
import type { UploadPrefixReply } from '../parse/upload-prefix'
import type { CloudPort } from '../transport/cloud-port'
import { prefixFor, type FileAccessRule } from '../source/file-access'

export function answerUploadPrefix(
  port: CloudPort,
  rule: FileAccessRule,
  requestId: string,
): UploadPrefixReply | OcrFailure {
  const uploadPrefix = prefixFor(rule, port.wxContext())
  if (uploadPrefix === undefined) {
    const message = 'uploadPrefix is for mini program callers; this call has no OPENID.'
    return failure('INVALID_REQUEST', { message, requestId })
  }
  return { ok: true, uploadPrefix }
}
