import { ERROR_CATALOG, type ErrorCode } from './catalog'
import type { OcrFailure } from '../reply/schema'

export interface FailureDetails {
  /** A developer message more specific than the catalog's default. */
  message?: string
  errCode?: number
  requestId?: string
  /** For a daily limit: when it resets. */
  resetsAt?: string
}

/** Builds the one failure shape from the catalog, so flags and hints never differ between call sites. */
export function failure(code: ErrorCode, details: FailureDetails = {}): OcrFailure {
  const entry = ERROR_CATALOG[code]
  return {
    ok: false,
    error: {
      code,
      ...(details.errCode === undefined ? {} : { errCode: details.errCode }),
      message: details.message ?? entry.message,
      userMessage: entry.userMessage,
      retryable: entry.retryable,
      hint: entry.hint,
      ...(details.requestId === undefined ? {} : { requestId: details.requestId }),
      ...(details.resetsAt === undefined ? {} : { resetsAt: details.resetsAt }),
    },
  }
}
