// What every stage of the recognition pipeline hands back: its result and its telemetry (fields of the
// log line). The runner keeps the telemetry and the line is assembled once, when the call ends.
import type { CallLogLine } from '../log/log-line'
import type { OcrFailure, OcrReply } from '../reply/schema'

export interface Step<V, L> {
  value: V
  telemetry: Partial<L>
}

/** What the transport stage (platform call, retries, normalize) gives back. */
export interface Transported<L> extends Step<OcrReply, L> {
  /** Platform calls made, retries included: the budget pays for each. */
  attempts: number
}

/** The guard's own fields of the log line. */
export type GuardTelemetry = Partial<Pick<CallLogLine, 'cache' | 'storeErrors'>>

export function refused<V extends { ok: true }>(value: V | OcrFailure): value is OcrFailure {
  return !value.ok
}

/** The fields every log line ends with: how long, how it ended, and how many lines it found. */
export function outcomeFields(
  reply: OcrReply,
  durationMs: number,
): Pick<CallLogLine, 'durationMs' | 'outcome' | 'lines'> {
  const end = { durationMs, outcome: reply.ok ? 'ok' : reply.error.code }
  return reply.ok ? { ...end, lines: reply.items.length } : end
}
