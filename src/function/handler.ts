// The cloud function's handler: event in, one typed reply out. It never throws: every failure, ours
// included, becomes a reply with a stable code.
import { randomUUID } from 'node:crypto'
import { parseOcrEvent } from '../request/parse-event'
import { isUploadPrefixRequest, type UploadPrefixReply } from '../request/upload-prefix'
import { failure } from '../errors/failure'
import type { OcrReply } from '../reply/schema'
import type { RetryClock } from '../retry/run-with-retry'
import { stdoutSink, type CallLogLine, type LogSink } from '../log/log-line'
import type { ImageSource } from '../request/event-schema'
import type { CloudPort, WxContext } from './cloud-port'
import type { HandlerConfig } from './config'
import { resolveImage, type ResolvedImage } from './resolve-image'
import { answerUploadPrefix } from './upload-prefix-handler'
import { recognizeWithRetry } from './recognize'
import { recognizeGuarded, type QuotaGuard } from './guarded-recognition'
import { SYSTEM_CLOCK } from '../retry/run-with-retry'
import { answerInTime, deadlineOf, fitTo, shortLimitWarning } from './deadline'

export interface HandlerOptions {
  config: HandlerConfig
  log?: LogSink
  clock?: RetryClock
  /** The result cache, per-user limit and account budget; without it every call goes to the platform. */
  guard?: QuotaGuard
  /** Where a time limit shorter than 20 s is reported, once per container; default: stderr. */
  warn?: (line: Record<string, unknown>) => void
}

const stderrWarn = (line: Record<string, unknown>): void => {
  process.stderr.write(`${JSON.stringify({ level: 'warn', ...line })}\n`)
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

function withRequestId(reply: OcrReply, requestId: string): OcrReply {
  return reply.ok ? reply : { ok: false, error: { ...reply.error, requestId } }
}

export function createOcrHandler(port: CloudPort, options: HandlerOptions): OcrHandler {
  const log = options.log ?? stdoutSink
  const warn = options.warn ?? stderrWarn
  let warnedShortLimit = false
  return async (event, context) => {
    const started = Date.now()
    const requestId = requestIdOf(context)
    if (isUploadPrefixRequest(event)) return answerUploadPrefix(port, options.config, requestId)
    const deadline = deadlineOf(context, options.clock ?? SYSTEM_CLOCK)
    if (deadline?.short && !warnedShortLimit) {
      warnedShortLimit = true
      warn(shortLimitWarning(deadline.limitMs))
    }
    const line: CallLogLine = {
      requestId,
      source: 'invalid',
      bytes: undefined,
      attempts: 0,
      durationMs: 0,
      outcome: '',
    }
    let reply: OcrReply
    try {
      const clock = options.clock ?? SYSTEM_CLOCK
      const call = { port, options, clock, line, requestId, retryBy: deadline?.retryBy }
      const work = handle(event, call)
      reply = deadline === undefined ? await work : await answerInTime(work, deadline)
    } catch (error) {
      // A bug of ours: the caller gets a typed INTERNAL, the log gets the stack under the same id.
      const detail = error instanceof Error ? (error.stack ?? error.message) : String(error)
      process.stderr.write(`${JSON.stringify({ level: 'error', requestId, error: detail })}\n`)
      reply = failure('INTERNAL', { message: `Internal error (requestId ${requestId}).` })
    }
    line.durationMs = Date.now() - started
    line.outcome = reply.ok ? 'ok' : reply.error.code
    line.retries = Math.max(0, line.attempts - 1)
    if (reply.ok) line.lines = reply.items.length
    log(line)
    return withRequestId(reply, requestId)
  }
}

/** What every step of one invocation shares. */
interface Invocation {
  port: CloudPort
  options: HandlerOptions
  clock: RetryClock
  /** Filled in by the steps, written once when the invocation ends. */
  line: CallLogLine
  requestId: string
  /** When the retries must end (from the runtime's time limit), if it gave one. */
  retryBy: number | undefined
}

async function handle(event: unknown, call: Invocation): Promise<OcrReply> {
  const { port, options, line } = call
  const parsed = parseOcrEvent(event)
  if (!parsed.ok) return parsed
  const { source } = parsed
  line.source = source.kind
  const caller = port.wxContext()
  const { image, fileRead } = await resolveImage(source, port, caller, options.config)
  try {
    if (!image.ok) return image
    line.bytes = image.bytes?.length
    if (image.dimensions !== undefined) {
      line.imgSize = { w: image.dimensions.width, h: image.dimensions.height }
    }
    return await recognizeResolved(image, source, caller, call)
  } finally {
    // Once the file was read, deleteAfter holds whatever came of it: a refused or failed image too.
    if (fileRead && source.kind === 'fileID' && source.deleteAfter) {
      line.deleted = await deleteQuietly(port, source.fileID)
    }
  }
}

async function recognizeResolved(
  image: ResolvedImage,
  source: ImageSource,
  caller: WxContext,
  { port, options, clock, line, requestId, retryBy }: Invocation,
): Promise<OcrReply> {
  if (options.guard === undefined) {
    const policy = fitTo(options.config.retryPolicy, retryBy, clock)
    const report = await recognizeWithRetry(port, image.request, policy, options.clock)
    line.attempts = report.attempts
    return report.value
  }
  return recognizeGuarded({
    port,
    guard: options.guard,
    policy: options.config.retryPolicy,
    retryBy,
    clock,
    source,
    image,
    caller,
    requestId,
    line,
  })
}

/** Deleting is housekeeping: its failure is logged, never turned into a failed recognition. */
async function deleteQuietly(port: CloudPort, fileID: string): Promise<boolean> {
  try {
    await port.deleteFile(fileID)
    return true
  } catch {
    return false
  }
}
