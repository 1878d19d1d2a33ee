// One recognition, for the cloud function and the HTTPS client alike:
//   event or input -> image source -> checks -> guard -> transport -> normalize -> reply
// Each caller supplies its stages; the order, the guard around the platform call, the cleanup and the
// telemetry are kept here, once. Every stage returns its result and its telemetry; the runner keeps the
// telemetry of the stages that finished, so a call cut short by a time limit still logs what it did.
import type { CallWindow } from '../quota/call-window'
import type { OcrFailure, OcrReply } from '../reply/schema'
import type { RecognitionGuard } from '../guard/guard'
import type { GuardSubject } from '../guard/guarded-recognition'
import { amendFailure } from '../errors/failure'
import { refused, type GuardTelemetry, type Step, type Transported } from './step'

/** The image source and its checks; `cleanup` runs once the call is over, whatever came of it. */
export interface Resolved<Image, L> extends Step<Image | OcrFailure, L> {
  cleanup?: () => Promise<Partial<L>>
}

export interface PipelineStages<Source extends { ok: true }, Image extends { ok: true }, L> {
  /** The event or input, parsed once at the edge. */
  parse(input: unknown): Step<Source | OcrFailure, L>
  /** Where the bytes come from, and the checks that keep a bad image from spending quota. */
  resolve(source: Source): Promise<Resolved<Image, L>>
  /** What the guard keys the cache and the caller's limit on. */
  subject(source: Source, image: Image): Omit<GuardSubject, 'requestId'>
  /** The platform call with its retries, normalized to one reply. */
  transport(image: Image): Promise<Transported<L>>
}

export interface PipelineOptions {
  guard: RecognitionGuard
  requestId: string
  /** The call's time, which its claim, its wait and its store deadline derive from. */
  window: CallWindow
  /** Puts a bound on the whole call (the function's time limit); the call as it is when absent. */
  bound?: (work: Promise<OcrReply>) => Promise<OcrReply>
  /** A bug of ours becomes a typed reply; how it is reported is the caller's. */
  onInternal: (error: unknown) => OcrReply
}

export interface PipelineRun<L> {
  /** A failure carries the call's requestId, so the caller can find its log line. */
  reply: OcrReply
  /** The telemetry of every stage that finished, merged in the order they ran. */
  telemetry: Partial<L> & GuardTelemetry
}

export async function runPipeline<Source extends { ok: true }, Image extends { ok: true }, L>(
  stages: PipelineStages<Source, Image, L>,
  input: unknown,
  options: PipelineOptions,
): Promise<PipelineRun<L>> {
  const collected: (Partial<L> | GuardTelemetry)[] = []
  const keep = <V>(step: Step<V, L>): V => {
    collected.push(step.telemetry)
    return step.value
  }
  const work = async (): Promise<OcrReply> => {
    const source = keep(stages.parse(input))
    if (refused(source)) return source
    const resolved = await stages.resolve(source)
    try {
      const image = keep(resolved)
      if (refused(image)) return image
      const subject = { ...stages.subject(source, image), requestId: options.requestId }
      const guarded = await options.guard.run(
        subject,
        async () => {
          const sent = await stages.transport(image)
          return { value: keep(sent), attempts: sent.attempts }
        },
        options.window,
      )
      collected.push(guarded.telemetry)
      return guarded.reply
    } finally {
      if (resolved.cleanup !== undefined) collected.push(await resolved.cleanup())
    }
  }
  let reply: OcrReply
  try {
    reply = await (options.bound ?? ((call) => call))(work())
  } catch (error) {
    reply = options.onInternal(error)
  }
  return {
    reply: reply.ok ? reply : amendFailure(reply, { requestId: options.requestId }),
    telemetry: Object.assign({}, ...collected) as Partial<L> & GuardTelemetry,
  }
}
