import { amendFailure, failure } from '../errors/failure'
import type { OcrReply } from '../reply/schema'
import type { RetryPolicy } from './policy'
import type { AttemptOutcome, RetryReport } from './run-with-retry'

/** The reply of a run, saying so when the retry quota, not the policy, stopped the retries. */
export function replyOf(report: RetryReport<OcrReply>): OcrReply {
  const reply = report.value
  if (reply.ok || report.throttled !== true) return reply
  const message = `${reply.error.message} Not retried: this process's retry quota is spent (too many failures at once); it refills as calls succeed.`
  return amendFailure(reply, { message })
}

/** One attempt's reply as the retry loop reads it: done, or failed and perhaps worth another try. */
export function attemptOutcome(reply: OcrReply): AttemptOutcome<OcrReply> {
  if (reply.ok) return { done: true, value: reply }
  const { retryable, code } = reply.error
  return { done: false, value: reply, retryable, timedOut: code === 'TIMEOUT' }
}

/** What a run answers when no attempt finished within the attempt limit or the budget. */
export function outOfTime(what: string, policy: RetryPolicy): OcrReply {
  return failure('TIMEOUT', {
    message: `${what} did not answer within the attempt limit (${policy.attemptTimeoutMs} ms) or the budget (${policy.budgetMs} ms).`,
  })
}
