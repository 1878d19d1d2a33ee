import { ERROR_CATALOG, type ErrorCode } from './catalog'
import type { OcrError, OcrFailure } from '../reply/schema'

export interface FailureDetails {
  /** A developer message more specific than the catalog's default. */
  message?: string
  errCode?: number
  requestId?: string
  /** For a daily limit: when it resets. */
  resetsAt?: string
  /** What caused it (zod's ZodError for refused input): kept on the error, never sent (see causeOf). */
  cause?: unknown
}

/**
 * Keeps the cause as Error keeps its own: a property that is not enumerable, so a reply sent, logged or
 * spread into JSON never carries it, while the code that made the failure can still read it.
 */
function keepCause(error: OcrError, cause: unknown): OcrError {
  if (cause !== undefined) {
    Object.defineProperty(error, 'cause', { value: cause, enumerable: false, configurable: true })
  }
  return error
}

/** The cause a failure was made with (details.cause), or undefined. */
export function causeOf(reply: OcrFailure): unknown {
  return (reply.error as OcrError & { cause?: unknown }).cause
}

/** The failure with some fields changed; its cause stays. */
export function amendFailure(reply: OcrFailure, changes: Partial<OcrError>): OcrFailure {
  return { ok: false, error: keepCause({ ...reply.error, ...changes }, causeOf(reply)) }
}

/** Builds the one failure shape from the catalog, so flags and hints never differ between call sites. */
export function failure(code: ErrorCode, details: FailureDetails = {}): OcrFailure {
  const entry = ERROR_CATALOG[code]
  return {
    ok: false,
    error: keepCause(
      {
        code,
        ...(details.errCode === undefined ? {} : { errCode: details.errCode }),
        message: details.message ?? entry.message,
        userMessage: entry.userMessage,
        retryable: entry.retryable,
        hint: entry.hint,
        ...(details.requestId === undefined ? {} : { requestId: details.requestId }),
        ...(details.resetsAt === undefined ? {} : { resetsAt: details.resetsAt }),
      },
      details.cause,
    ),
  }
}
