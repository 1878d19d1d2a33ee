// The HTTPS client's guard: the result cache, single flight and daily limits the cloud function runs
// (src/pipeline), set from the client's options instead of the function's environment.
import type { QuotaGuard } from '../guard/guarded-recognition'
import { DEFAULT_COLLECTIONS } from '../quota/config'
import type { NormalizedClientOptions } from './client-options'

/** The guard the options ask for, or undefined when they turn all of it off (no store is touched). */
export function clientGuard(
  options: Pick<
    NormalizedClientOptions,
    'store' | 'cacheTtlMs' | 'dailyBudget' | 'callerDailyLimit' | 'budgetUnchecked' | 'storeBreaker'
  >,
): QuotaGuard | undefined {
  const { cacheTtlMs, dailyBudget, callerDailyLimit } = options
  if (cacheTtlMs === 0 && dailyBudget === 0 && callerDailyLimit === 0) return undefined
  return {
    store: options.store,
    config: {
      collections: DEFAULT_COLLECTIONS,
      cacheTtlMs,
      // A URL's content can change under it; the client caches images it is given, not URLs.
      urlCacheTtlMs: undefined,
      userDailyLimit: callerDailyLimit,
      dailyBudget,
      budgetUnchecked: options.budgetUnchecked,
    },
    ...(options.storeBreaker === undefined ? {} : { breaker: options.storeBreaker }),
  }
}
