// Retry policy as data: how many attempts, how the wait grows, and a total budget that keeps every attempt
// and every wait inside the function's timeout. What is retried is decided by the error catalog's
// `retryable` flag, so bad input, quota, permission and unknown errors are never retried.
import { DEFAULT_RETRY_QUOTA, type RetryQuotaRule } from './retry-quota'

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  readonly maxAttempts: number
  /** The wait before the first retry, before jitter. */
  readonly baseDelayMs: number
  /** No single wait is longer than this. */
  readonly maxDelayMs: number
  /** Every attempt and every wait must end within this many ms of the start. */
  readonly budgetMs: number
  /** One attempt is abandoned after this long (the SDK's socket timeout is set to the same). */
  readonly attemptTimeoutMs: number
  /** The process-wide retry bucket's numbers (retry-quota.ts); default DEFAULT_RETRY_QUOTA. */
  readonly retryQuota?: RetryQuotaRule
}

/**
 * The timeout the cloud function is deployed with (cloudbaserc.json `timeout`; test/unit/retry.test.ts
 * checks that the two agree): what OCR with its retries is built for. The one place that names it; the
 * default budget, the answer margin and the claim timing derive from it.
 */
export const FUNCTION_TIMEOUT_MS = 20_000

/**
 * The time kept, after the retries, to give up a cache claim, settle the counters and answer: a tenth of
 * the limit, at least 500 ms, and never more than it is under the deployed timeout (2 s of 20 s).
 */
export function answerMarginMs(limitMs: number): number {
  const tenth = (ms: number) => Math.round(ms / 10)
  return Math.min(tenth(FUNCTION_TIMEOUT_MS), Math.max(500, tenth(limitMs)))
}

/** What the retries may spend under a time limit: all of it but the answer margin. */
export function retryBudgetWithin(limitMs: number): number {
  return limitMs - answerMarginMs(limitMs)
}

/** Fitted to the deployed timeout: the retries end the answer margin before it. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = Object.freeze({
  maxAttempts: 3,
  baseDelayMs: 300,
  maxDelayMs: 2000,
  budgetMs: retryBudgetWithin(FUNCTION_TIMEOUT_MS),
  attemptTimeoutMs: 8_000,
  retryQuota: DEFAULT_RETRY_QUOTA,
})

/**
 * "Full jitter" exponential backoff: a uniform draw in [0, min(cap, base * 2^retry)], which spreads
 * retries from many callers hitting the same busy backend.
 */
export function backoffDelay(
  policy: RetryPolicy,
  retryIndex: number,
  random: () => number,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retryIndex)
  return Math.floor(random() * ceiling)
}
