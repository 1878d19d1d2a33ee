// The cloud function's handler: event in, one typed reply out. It never throws: every failure, ours
// included, becomes a reply with a stable code.
import { randomUUID } from 'node:crypto'
import { isUploadPrefixRequest, type UploadPrefixReply } from '../parse/upload-prefix'
import { failure } from '../errors/failure'
import type { OcrReply } from '../reply/schema'
import { processRetryQuota, type RetryQuota } from '../retry/retry-quota'
import { SYSTEM_CLOCK, type RetryClock } from '../clock/clock'
import { stdoutSink, type LogSink } from '../log/log-line'
import { guardOf } from '../guard/guard'
import type { QuotaGuard } from '../guard/guarded-recognition'
import { runPipeline } from '../pipeline/run-pipeline'
import { outcomeFields } from '../pipeline/step'
import type { CloudPort } from '../transport/cloud-port'
import type { HandlerConfig } from './config'
import { cloudStages } from './cloud-stages'
import { answerUploadPrefix } from './upload-prefix-handler'
import { stderrWarn, type WarnSink } from '../log/warn'
import { answerInTime, deadlineOf, functionWindow, shortLimitWarning } from './deadline'

export interface HandlerOptions {
  config: HandlerConfig
  log?: LogSink
  clock?: RetryClock
  /**
   * The result cache, per-user limit and account budget; without it every call goes to the platform.
   * Its store breaker, when not given, is this handler's own: one per container.
   */
  guard?: QuotaGuard
  /** The retry bucket; default: the process's one for the policy's rule, shared by every invocation. */
  retryQuota?: RetryQuota
  /** Where a time limit shorter than 20 s and the store breaker's state are reported; default: stderr. */
  warn?: WarnSink
}

export type OcrHandler = (
  event: unknown,
  context?: unknown,
) => Promise<OcrReply | UploadPrefixReply>

function requestIdOf(context: unknown): string {
  if (typeof context === 'object' && context !== null) {
    const id = (context as Record<string, unknown>).request_id
    if (typeof id === 'string' && id !== '') return id
  }
  return randomUUID()
}

export function createOcrHandler(port: CloudPort, options: HandlerOptions): OcrHandler {
  const log = options.log ?? stdoutSink
  const warn = options.warn ?? stderrWarn
  const clock = options.clock ?? SYSTEM_CLOCK
  const guard = guardOf(options.guard, clock, warn)
  const retryQuota = options.retryQuota ?? processRetryQuota(options.config.retryPolicy.retryQuota)
  let warnedShortLimit = false
  return async (event, context) => {
    const started = clock.now()
    const requestId = requestIdOf(context)
    if (isUploadPrefixRequest(event)) return answerUploadPrefix(port, options.config, requestId)
    const deadline = deadlineOf(context, clock)
    if (deadline?.short && !warnedShortLimit) {
      warnedShortLimit = true
      warn(shortLimitWarning(deadline.limitMs))
    }
    const stages = cloudStages({
      port,
      config: options.config,
      clock,
      retryQuota,
      retryBy: deadline?.retryBy,
    })
    const { reply, telemetry } = await runPipeline(stages, event, {
      guard,
      requestId,
      window: functionWindow(deadline, options.config.retryPolicy, clock),
      bound: deadline && ((work) => answerInTime(work, deadline, clock)),
      onInternal: (error) => internalFailure(error, requestId),
    })
    const attempts = telemetry.attempts ?? 0
    log({
      requestId,
      source: 'invalid',
      bytes: undefined,
      attempts,
      ...telemetry,
      ...outcomeFields(reply, clock.now() - started),
      retries: Math.max(0, attempts - 1),
    })
    return reply
  }
}

/** A bug of ours: the caller gets a typed INTERNAL, the log gets the stack under the same id. */
function internalFailure(error: unknown, requestId: string): OcrReply {
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error)
  process.stderr.write(`${JSON.stringify({ level: 'error', requestId, error: detail })}\n`)
  return failure('INTERNAL', { message: `Internal error (requestId ${requestId}).` })
}
