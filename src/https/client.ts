// The HTTPS client for servers outside Cloud Development: the function's reply type, through the same
// normalizer, error catalog and retry policy, with the access_token handled. recognize() never throws.
import { randomUUID } from 'node:crypto'

import { failure } from '../errors/failure'
import { incomingFailure } from '../errors/incoming-failure'
import { normalizePrintedText } from '../normalize/normalize'
import type { OcrReply } from '../reply/schema'
import { runWithRetry, type AttemptOutcome } from '../retry/run-with-retry'
import { replyOf } from '../retry/throttled'
import { resolveClientOptions, type PrintedTextClientOptions } from './client-options'
import { safeLogger, type RecognizeLogLine } from './log-line'
import { buildOcrRequest } from './ocr-request'
import { prepareMedia, type OcrMedia, type RecognizeInput } from './recognize-input'
import { RequestSlots } from './request-slots'
import { SecretBook } from './secret-book'
import {
  callerTokenSource,
  stableTokenSource,
  type TokenEvent,
  type TokenSource,
} from './token-source'
import { transportFailure } from './transport-failure'

export interface RecognizeOptions {
  /** The caller's deadline or cancel: honoured while the call waits for a slot and between attempts. */
  signal?: AbortSignal
}

export interface PrintedTextClient {
  /** Recognizes printed text in an image URL or image bytes; resolves with a reply, never rejects. */
  recognize(input: RecognizeInput, options?: RecognizeOptions): Promise<OcrReply>
}

const WHAT = 'ocr.printedText (HTTPS)'

function outcomeOf(reply: OcrReply): AttemptOutcome<OcrReply> {
  if (reply.ok) return { done: true, value: reply }
  const { retryable, code } = reply.error
  return { done: false, value: reply, retryable, timedOut: code === 'TIMEOUT' }
}

function aborted(signal: AbortSignal | undefined, where: string): OcrReply {
  const reason: unknown = signal?.reason
  const why = reason instanceof Error ? `${reason.name}: ${reason.message}` : String(reason)
  return failure('ABORTED', { message: `The caller's AbortSignal fired ${where} (${why}).` })
}

/** The last guard on the way out: no failure message carries a token or the secret, whatever made it. */
function finish(reply: OcrReply, requestId: string, secrets: SecretBook): OcrReply {
  if (reply.ok) return reply
  return {
    ok: false,
    error: { ...reply.error, message: secrets.redact(reply.error.message), requestId },
  }
}

export function createPrintedTextClient(options: PrintedTextClientOptions): PrintedTextClient {
  const config = resolveClientOptions(options)
  const { clock, retryPolicy: policy } = config
  const slots = new RequestSlots(config.maxConcurrency)
  const now = () => clock.now()
  const log = safeLogger(config.logger)
  const secrets = new SecretBook(
    config.tokens.kind === 'credentials' ? [config.tokens.appSecret] : [],
  )
  const onToken: TokenEvent = (via, outcome, durationMs) =>
    log({ event: 'access_token', via, outcome, durationMs })
  const tokens: TokenSource =
    config.tokens.kind === 'credentials'
      ? stableTokenSource(
          {
            baseUrl: config.baseUrl,
            appId: config.tokens.appId,
            appSecret: config.tokens.appSecret,
            fetch: config.fetch,
            // A fetch shared by every waiting call gets its own limit, not any one caller's.
            timeoutMs: policy.attemptTimeoutMs,
          },
          secrets,
          now,
          onToken,
        )
      : callerTokenSource(config.tokens.getAccessToken, secrets, now, onToken)

  async function send(token: string, media: OcrMedia, timeoutMs: number): Promise<OcrReply> {
    const request = buildOcrRequest(config.baseUrl, token, media)
    const context = { what: WHAT, timeoutMs, redact: (text: string) => secrets.redact(text) }
    try {
      const response = await config.fetch(request.url, {
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

  async function recognizeOnce(
    input: unknown,
    signal: AbortSignal | undefined,
    line: RecognizeLogLine,
  ): Promise<OcrReply> {
    const prepared = prepareMedia(input)
    if (!prepared.ok) return prepared
    const { media } = prepared
    line.source = media.kind
    line.bytes = media.kind === 'img' ? media.bytes.length : undefined
    if (media.kind === 'img') line.imgSize = { w: media.width, h: media.height }
    // Bad input never queues. The budget and the first attempt's timer start once a slot is held.
    const queuedAt = now()
    const release = await slots.acquire(signal)
    line.queuedMs = now() - queuedAt
    if (release === 'aborted') return aborted(signal, 'while the call waited for a free slot')
    try {
      const renewal = { used: false }
      const report = await runWithRetry<OcrReply>(
        async (timeoutMs) => {
          if (signal?.aborted === true) return outcomeOf(aborted(signal, 'before an attempt'))
          const outcome = outcomeOf(await attempt(media, timeoutMs, renewal))
          if (outcome.done) slots.succeeded()
          else if (outcome.timedOut === true) slots.timedOut()
          return outcome
        },
        () =>
          failure('TIMEOUT', {
            message: `${WHAT} did not answer within the attempt limit (${policy.attemptTimeoutMs} ms) or the budget (${policy.budgetMs} ms).`,
          }),
        policy,
        clock,
        config.retryQuota,
      )
      line.attempts = report.attempts
      line.tokenRenewed = renewal.used
      if (report.throttled === true) line.retryThrottled = true
      return replyOf(report)
    } finally {
      release()
    }
  }

  return {
    async recognize(input, options) {
      const started = now()
      const requestId = randomUUID()
      const line: RecognizeLogLine = {
        event: 'recognize',
        requestId,
        source: 'invalid',
        bytes: undefined,
        attempts: 0,
        tokenRenewed: false,
        durationMs: 0,
        outcome: '',
      }
      let reply: OcrReply
      try {
        reply = await recognizeOnce(input, options?.signal, line)
      } catch (error) {
        // A bug of ours: the caller still gets a typed reply, with the cause masked.
        const detail = error instanceof Error ? error.message : String(error)
        reply = failure('INTERNAL', { message: `Internal error in the HTTPS client: ${detail}` })
      }
      reply = finish(reply, requestId, secrets)
      line.durationMs = now() - started
      line.outcome = reply.ok ? 'ok' : reply.error.code
      if (reply.ok) line.lines = reply.items.length
      log(line)
      return reply
    },
  }
}
