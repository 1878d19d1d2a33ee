import type { OcrReply } from '../reply/schema'
import type { AttemptOutcome, RetryReport } from './run-with-retry'

/** The reply of a run, saying so when the retry quota, not the policy, stopped the retries. */
export function replyOf(report: RetryReport<OcrReply>): OcrReply {
  const reply = report.value
  if (reply.ok || report.throttled !== true) return reply
  const message = `${reply.error.message} Not retried: this process's retry quota is spent (too many failures at once); it refills as calls succeed.`
  return { ok: false, error: { ...reply.error, message } }
}

/** One attempt's reply as the retry loop reads it: done, or failed and perhaps worth another try. */
export function attemptOutcome(reply: OcrReply): AttemptOutcome<OcrReply> {
  if (reply.ok) return { done: true, value: reply }
  const { retryable, code } = reply.error
  return { done: false, value: reply, retryable, timedOut: code === 'TIMEOUT' }
}
