// What a thrown fetch becomes. Node's fetch (undici) throws a TypeError for every network failure, with the
// socket's code on `cause`, and a DOMException named TimeoutError when AbortSignal.timeout fires; the
// classification itself stays with the shared classifier, so the function and the client agree on codes.
import { classifyPlatformError } from '../errors/classify'
import { failure } from '../errors/failure'
import type { OcrFailure } from '../reply/schema'

// undici's own timeouts, under the names the shared classifier already knows.
const UNDICI_TIMEOUT_CODES = new Set([
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
])

type Bag = Record<string, unknown>

function isBag(value: unknown): value is Bag {
  return typeof value === 'object' && value !== null
}

function isTimeout(thrown: unknown): boolean {
  // We only ever abort on a timeout, so an AbortError is one too.
  return isBag(thrown) && (thrown.name === 'TimeoutError' || thrown.name === 'AbortError')
}

function socketCodeOf(thrown: unknown): string | undefined {
  for (const candidate of [thrown, isBag(thrown) ? thrown.cause : undefined]) {
    if (isBag(candidate) && typeof candidate.code === 'string') {
      return UNDICI_TIMEOUT_CODES.has(candidate.code) ? 'ETIMEDOUT' : candidate.code
    }
  }
  return undefined
}

function describe(thrown: unknown): string {
  if (!(thrown instanceof Error)) return String(thrown)
  const cause = thrown.cause instanceof Error ? ` (${thrown.cause.message})` : ''
  return `${thrown.message}${cause}`
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
  const text = context.redact(describe(thrown))
  const socketCode = socketCodeOf(thrown)
  let code = classifyPlatformError({ errCode: undefined, errMsg: text, socketCode })
  // The Fetch standard makes every network error a TypeError, whatever socket code undici attached.
  if (code === 'UPSTREAM_ERROR' && thrown instanceof TypeError) code = 'NETWORK_ERROR'
  const detail = socketCode === undefined ? text : `${socketCode}: ${text}`
  return failure(code, { message: `${context.what} failed: ${detail}` })
}
