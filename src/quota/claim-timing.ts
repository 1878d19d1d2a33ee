// How long a call may hold or wait for a claim on an image, and how long one store operation may take:
// the same rule for the function and the HTTPS client, derived from the retry policy.
import { answerMarginMs, FUNCTION_TIMEOUT_MS, type RetryPolicy } from '../retry/policy'
import type { QuotaConfig } from './config'

const DEFAULT_STORE_TIMEOUT_MS = 3000

/** How long a claim taken by a call of this length may stand before another call may take it over. */
export function claimLifetimeMs(callMs: number): number {
  return callMs + answerMarginMs(callMs)
}

export function claimTimings(
  retry: RetryPolicy,
): Pick<QuotaConfig, 'claimStaleMs' | 'waitBudgetMs' | 'storeTimeoutMs'> {
  return {
    // No call outlives the function's timeout; the answer margin again covers clock skew between containers.
    claimStaleMs: claimLifetimeMs(Math.max(FUNCTION_TIMEOUT_MS, retry.budgetMs)),
    waitBudgetMs: retry.budgetMs,
    storeTimeoutMs: DEFAULT_STORE_TIMEOUT_MS,
  }
}
