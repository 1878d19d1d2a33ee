// The HTTPS client for servers outside Cloud Development: the function's reply type, through the same
// normalizer, error catalog and retry policy, with the access_token handled. recognize() never throws.
import { randomUUID } from 'node:crypto'

import { amendFailure, failure } from '../errors/failure'
import { guardOf } from '../guard/guard'
import { stderrWarn } from '../log/warn'
import { runPipeline } from '../pipeline/run-pipeline'
import { outcomeFields } from '../pipeline/step'
import type { OcrReply } from '../reply/schema'
import { clientGuard } from './guard-settings'
import { normalizeClientOptions, type PrintedTextClientOptions } from './client-options'
import { httpsStages } from './https-stages'
import { httpsTransport } from './https-transport'
import { safeLogger } from './log-line'
import type { RecognizeInput } from './recognize-input'
import { RequestSlots } from './request-slots'
import { SecretBook } from './secret-book'
import {
  callerTokenSource,
  stableTokenSource,
  type TokenEvent,
  type TokenSource,
} from './token-source'

export interface RecognizeOptions {
  /** The caller's deadline or cancel: honoured while the call waits for a slot and between attempts. */
  signal?: AbortSignal
  /** Who the call is for (your user or tenant id): `callerDailyLimit` counts each key on its own. */
  callerKey?: string
}

export interface PrintedTextClient {
  /** Recognizes printed text in an image URL or image bytes; resolves with a reply, never rejects. */
  recognize(input: RecognizeInput, options?: RecognizeOptions): Promise<OcrReply>
}

/** The last guard on the way out: no failure message carries a token or the secret, whatever made it. */
function redacted(reply: OcrReply, secrets: SecretBook): OcrReply {
  if (reply.ok) return reply
  return amendFailure(reply, { message: secrets.redact(reply.error.message) })
}

/** A bug of ours: the caller still gets a typed reply, with the cause masked. */
function internalFailure(error: unknown): OcrReply {
  const detail = error instanceof Error ? error.message : String(error)
  return failure('INTERNAL', { message: `Internal error in the HTTPS client: ${detail}` })
}

export function createPrintedTextClient(options: PrintedTextClientOptions): PrintedTextClient {
  const config = normalizeClientOptions(options)
  const { clock, retryPolicy: policy } = config
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
  const transport = httpsTransport({
    baseUrl: config.baseUrl,
    fetch: config.fetch,
    policy,
    clock,
    retryQuota: config.retryQuota,
    slots: new RequestSlots(config.maxConcurrency),
    tokens,
    secrets,
  })
  const guard = guardOf(clientGuard(config), clock, stderrWarn)

  return {
    async recognize(input, options) {
      const started = now()
      const requestId = randomUUID()
      const stages = httpsStages({
        transport,
        signal: options?.signal,
        callerKey: options?.callerKey,
      })
      // The client's time is its retry budget: its claim, its wait and its store deadline fit in it.
      const budgetEnd = now() + policy.budgetMs
      const run = await runPipeline(stages, input, {
        guard,
        requestId,
        window: { workEndsAt: budgetEnd, endsAt: budgetEnd },
        onInternal: internalFailure,
      })
      const reply = redacted(run.reply, secrets)
      log({
        event: 'recognize',
        requestId,
        source: 'invalid',
        bytes: undefined,
        attempts: 0,
        tokenRenewed: false,
        ...run.telemetry,
        ...outcomeFields(reply, now() - started),
      })
      return reply
    },
  }
}
