import { backoffDelay, type RetryPolicy } from './policy'
import type { RetryQuota } from './retry-quota'

export interface RetryClock {
  now(): number
  sleep(ms: number): Promise<void>
  random(): number
  /**
   * Resolves once `ms` of this clock's time have passed, unless `signal` aborts first: how the store's
   * deadline waits (see `expireAfter`). Optional: a clock without it, like one whose sleeps pass at once,
   * leaves the deadline to real timers.
   */
  timeout?(ms: number, signal: AbortSignal): Promise<void>
}

export const SYSTEM_CLOCK: RetryClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
}

/** What one attempt ended in: a value to keep, or a failure that may or may not be worth another try. */
export type AttemptOutcome<T> =
  | { done: true; value: T }
  /** timedOut: the attempt ran out of time, which makes its retry cost more of the retry quota. */
  | { done: false; value: T; retryable: boolean; timedOut?: boolean }

export interface RetryReport<T> {
  value: T
  attempts: number
  /** True when the budget, not a final answer, ended the attempts. */
  outOfBudget: boolean
  /** True when the process's retry quota was empty and a retryable failure was answered as it was. */
  throttled?: boolean
}

/**
 * Runs `attempt` until it is done, is not retryable, the attempts are spent, or the next wait would not
 * fit in the budget. Each attempt gets the time it may use, so a hanging call cannot overrun the budget.
 */
export async function runWithRetry<T>(
  attempt: (timeoutMs: number) => Promise<AttemptOutcome<T>>,
  onTimeout: () => T,
  policy: RetryPolicy,
  clock: RetryClock = SYSTEM_CLOCK,
  quota?: RetryQuota,
): Promise<RetryReport<T>> {
  const deadline = clock.now() + policy.budgetMs
  let last: T | undefined
  let attempts = 0
  let retryCost: number | undefined
  while (attempts < policy.maxAttempts) {
    const remaining = deadline - clock.now()
    if (remaining <= 0) break
    attempts++
    const outcome = await withTimeout(
      attempt,
      Math.min(policy.attemptTimeoutMs, remaining),
      onTimeout,
    )
    if (outcome.done) quota?.succeeded(retryCost)
    if (outcome.done || !outcome.retryable)
      return { value: outcome.value, attempts, outOfBudget: false }
    last = outcome.value
    if (attempts === policy.maxAttempts) return { value: last, attempts, outOfBudget: false }
    const wait = backoffDelay(policy, attempts - 1, clock.random)
    if (clock.now() + wait >= deadline) return { value: last, attempts, outOfBudget: true }
    if (quota !== undefined) {
      retryCost = quota.acquire(outcome.timedOut === true)
      if (retryCost === undefined)
        return { value: last, attempts, outOfBudget: false, throttled: true }
    }
    await clock.sleep(wait)
  }
  return { value: last ?? onTimeout(), attempts, outOfBudget: true }
}

async function withTimeout<T>(
  attempt: (timeoutMs: number) => Promise<AttemptOutcome<T>>,
  timeoutMs: number,
  onTimeout: () => T,
): Promise<AttemptOutcome<T>> {
  let timer: NodeJS.Timeout | undefined
  const expired = new Promise<AttemptOutcome<T>>((resolve) => {
    // The abandoned call may still finish in the background; its answer is dropped, not awaited.
    timer = setTimeout(
      () => resolve({ done: false, value: onTimeout(), retryable: true, timedOut: true }),
      timeoutMs,
    )
  })
  try {
    return await Promise.race([attempt(timeoutMs), expired])
  } finally {
    clearTimeout(timer)
  }
}
