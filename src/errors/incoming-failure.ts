// What an incoming error becomes: the catalog's code for it, and one message shape wherever it was caught
// ("<what> failed: errCode 101002: <errmsg>", or the socket code in place of the errCode).
import type { ErrorCode } from './catalog'
import { classifyPlatformError } from './classify'
import { failure } from './failure'
import type { IncomingError } from './incoming'
import type { OcrFailure } from '../reply/schema'

export interface IncomingFailureOptions {
  /** The start of the message: "ocr.printedText failed", "getAccessToken() rejected". */
  lead: string
  /** What an error the catalog does not claim becomes; default UPSTREAM_ERROR. */
  unclaimed?: ErrorCode
  /** Masks tokens and secrets in the message (the code is read from the unmasked text). */
  redact?: (text: string) => string
  requestId?: string
}

export function incomingFailure(error: IncomingError, options: IncomingFailureOptions): OcrFailure {
  const { errCode, socketCode } = error
  const errMsg = options.redact === undefined ? error.errMsg : options.redact(error.errMsg)
  const detail = [errCode === undefined ? socketCode : `errCode ${errCode}`, errMsg]
  return failure(classifyPlatformError(error, options.unclaimed), {
    message: `${options.lead}: ${detail.filter(Boolean).join(': ')}`,
    ...(errCode === undefined ? {} : { errCode }),
    ...(options.requestId === undefined ? {} : { requestId: options.requestId }),
  })
}
