// What a thrown fetch becomes. Node's fetch (undici) throws a TypeError for every network failure, with the
// socket's code on `cause`, and a DOMException named TimeoutError when AbortSignal.timeout fires; the
// code itself comes from the catalog, so the function and the client agree on codes.
import { failure } from '../errors/failure'
import { readIncomingError } from '../errors/incoming'
import { incomingFailure } from '../errors/incoming-failure'
import type { OcrFailure } from '../reply/schema'

function isTimeout(thrown: unknown): boolean {
  if (typeof thrown !== 'object' || thrown === null) return false
  // We only ever abort on a timeout, so an AbortError is one too.
  const { name } = thrown as { name?: unknown }
  return name === 'TimeoutError' || name === 'AbortError'
}

export interface TransportContext {
  /** What was being called, for the message: "ocr.printedText (HTTPS)", "stable_token". */
  what: string
  timeoutMs: number
  /** Masks tokens and secrets: undici quotes the request URL in some of its messages. */
  redact: (text: string) => string
}

export function transportFailure(thrown: unknown, context: TransportContext): OcrFailure {
  if (isTimeout(thrown)) {
    return failure('TIMEOUT', {
      message: `${context.what} did not answer within ${context.timeoutMs} ms.`,
    })
  }
  return incomingFailure(readIncomingError(thrown), {
    lead: `${context.what} failed`,
    // The Fetch standard makes every network error a TypeError, whatever socket code undici attached.
    unclaimed: thrown instanceof TypeError ? 'NETWORK_ERROR' : 'UPSTREAM_ERROR',
    redact: context.redact,
  })
}
