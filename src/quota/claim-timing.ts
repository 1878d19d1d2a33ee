// How long a call may hold or wait for a claim on an image, and how long one store operation may take:
// the same rule for the function and the HTTPS client, derived from the retry policy.
import { FUNCTION_TIMEOUT_MS, type RetryPolicy } from '../retry/policy'
import type { QuotaConfig } from './config'

const DEFAULT_STORE_TIMEOUT_MS = 3000

export function claimTimings(
  retry: RetryPolicy,
): Pick<QuotaConfig, 'claimStaleMs' | 'waitBudgetMs' | 'storeTimeoutMs'> {
  return {
    // The function's timeout plus a margin for clock skew between containers.
    claimStaleMs: Math.max(FUNCTION_TIMEOUT_MS, retry.budgetMs) + 5000,
    waitBudgetMs: retry.budgetMs,
    storeTimeoutMs: DEFAULT_STORE_TIMEOUT_MS,
  }
}
