// The HTTPS client's transport stage: a free slot, then the platform call with its retries, a token from
// the token source, one renewal when the platform refuses a token, and the body normalized to one reply.
import { failure } from '../errors/failure'
import { incomingFailure } from '../errors/incoming-failure'
import { normalizePrintedText } from '../normalize/normalize'
import type { Transported } from '../pipeline/step'
import type { OcrReply } from '../reply/schema'
import type { RetryPolicy } from '../retry/policy'
import type { RetryQuota } from '../retry/retry-quota'
import type { RetryClock } from '../clock/clock'
import { runWithRetry } from '../retry/run-with-retry'
import { attemptOutcome, outOfTime, replyOf } from '../retry/throttled'
import type { RecognizeLogLine } from './log-line'
import { buildOcrRequest } from './ocr-request'
import type { OcrMedia } from './recognize-input'
import type { RequestSlots } from './request-slots'
import type { SecretBook } from './secret-book'
import type { TokenSource } from './token-source'
import { transportFailure } from './transport-failure'

const WHAT = 'ocr.printedText (HTTPS)'

export interface HttpsTransportDeps {
  baseUrl: string
  fetch: typeof fetch
  policy: RetryPolicy
  clock: RetryClock
  retryQuota: RetryQuota
  slots: RequestSlots
  tokens: TokenSource
  secrets: SecretBook
}

export type HttpsTransport = (
  media: OcrMedia,
  signal: AbortSignal | undefined,
) => Promise<Transported<RecognizeLogLine>>

function aborted(signal: AbortSignal | undefined, where: string): OcrReply {
  const reason: unknown = signal?.reason
  const why = reason instanceof Error ? `${reason.name}: ${reason.message}` : String(reason)
  return failure('ABORTED', { message: `The caller's AbortSignal fired ${where} (${why}).` })
}

export function httpsTransport(deps: HttpsTransportDeps): HttpsTransport {
  const { clock, policy, slots, tokens, secrets } = deps

  async function send(token: string, media: OcrMedia, timeoutMs: number): Promise<OcrReply> {
    const request = buildOcrRequest(deps.baseUrl, token, media)
    const context = { what: WHAT, timeoutMs, redact: (text: string) => secrets.redact(text) }
    try {
      const response = await deps.fetch(request.url, {
        ...request.init,
        signal: AbortSignal.timeout(timeoutMs),
      })
      const body = await response.text()
      const reply = normalizePrintedText(body)
      if (response.ok || reply.ok || reply.error.errCode !== undefined) return reply
      // A proxy's 502 page is not the platform's answer: the catalog reads only the status that came back.
      const status = `HTTP ${response.status} without a platform error body`
      return incomingFailure(
        { errCode: undefined, errMsg: status, socketCode: undefined },
        { lead: `${WHAT} answered` },
      )
    } catch (thrown) {
      return transportFailure(thrown, context)
    }
  }

  /** One attempt: a token, the call, and on a refused token one renewal and one repeat per recognize. */
  async function attempt(
    media: OcrMedia,
    timeoutMs: number,
    renewal: { used: boolean },
  ): Promise<OcrReply> {
    const first = await tokens.get()
    if (!first.ok) return first
    const reply = await send(first.token, media, timeoutMs)
    if (reply.ok || reply.error.code !== 'ACCESS_TOKEN_INVALID' || renewal.used) return reply
    renewal.used = true
    tokens.invalidate(first.token)
    const second = await tokens.get()
    if (!second.ok) return second
    return send(second.token, media, timeoutMs)
  }

  return async (media, signal) => {
    // The budget and the first attempt's timer start once a slot is held.
    const queuedAt = clock.now()
    const release = await slots.acquire(signal)
    const queuedMs = clock.now() - queuedAt
    if (release === 'aborted') {
      const value = aborted(signal, 'while the call waited for a free slot')
      return { value, attempts: 0, telemetry: { queuedMs } }
    }
    try {
      const renewal = { used: false }
      const report = await runWithRetry<OcrReply>(
        async (timeoutMs) => {
          if (signal?.aborted === true) return attemptOutcome(aborted(signal, 'before an attempt'))
          const outcome = attemptOutcome(await attempt(media, timeoutMs, renewal))
          if (outcome.done) slots.succeeded()
          else if (outcome.timedOut === true) slots.timedOut()
          return outcome
        },
        () => outOfTime(WHAT, policy),
        policy,
        clock,
        deps.retryQuota,
      )
      const { attempts } = report
      const telemetry: Partial<RecognizeLogLine> = {
        queuedMs,
        attempts,
        tokenRenewed: renewal.used,
      }
      if (report.throttled === true) telemetry.retryThrottled = true
      return { value: replyOf(report), attempts, telemetry }
    } finally {
      release()
    }
  }
}
