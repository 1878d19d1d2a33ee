// Reads a failure of wx.cloud.callFunction or wx.cloud.uploadFile against the table of platform failures
// (cloud-failure-table.ts): the first entry whose code or errMsg text matches wins.
import { errMsgOf } from './wx-port'
import { localError, type ShownError } from './shown-error'
import {
  CLOUD_FAILURES,
  type CloudFailureCode,
  type CloudFailureEntry,
} from './cloud-failure-table'

export { CLOUD_FAILURES, type CloudFailureCode } from './cloud-failure-table'

/** The errCode property wx sets, then every platform-shaped code named in the text (-404011, -504002...). */
export function platformCodes(error: unknown, text: string): number[] {
  const codes: number[] = []
  if (typeof error === 'object' && error !== null && 'errCode' in error) {
    const { errCode } = error as { errCode: unknown }
    if (typeof errCode === 'number') codes.push(errCode)
  }
  // No lookbehind or matchAll: older iOS engines reject the one and lack the other.
  const pattern = /(^|[^\w.])(-\d{5,6})(?!\d)/g
  for (let found = pattern.exec(text); found !== null; found = pattern.exec(text)) {
    codes.push(Number(found[2]))
  }
  return codes
}

function requestIdIn(text: string): string | undefined {
  return /request\s?id[:=\s]+([0-9a-z][\w-]{7,})/i.exec(text)?.[1]
}

export function classifyCloudFailure(
  error: unknown,
  fallback: 'CALL_FAILED' | 'UPLOAD_FAILED',
): ShownError {
  // wx's cloud errors are Errors whose message and errMsg say different parts: read both.
  const parts = [errMsgOf(error), error instanceof Error ? error.message : '']
  const text = parts.filter((part, i) => part !== '' && parts.indexOf(part) === i).join(' | ')
  const codes = platformCodes(error, text)
  const match = (Object.keys(CLOUD_FAILURES) as CloudFailureCode[]).find((code) => {
    const entry: CloudFailureEntry = CLOUD_FAILURES[code]
    return entry.errCodes.some((c) => codes.includes(c)) || (entry.errMsg?.test(text) ?? false)
  })
  const shown: ShownError =
    match === undefined
      ? localError(fallback, text)
      : {
          code: match,
          retryable: CLOUD_FAILURES[match].retryable,
          userMessage: CLOUD_FAILURES[match].userMessage,
          hint: CLOUD_FAILURES[match].hint,
          message: text,
        }
  const errCode = codes[0]
  if (errCode !== undefined) shown.errCode = errCode
  const requestId = requestIdIn(text)
  if (requestId !== undefined) shown.requestId = requestId
  return shown
}
