import type { QuotaConfig } from '../quota/config'
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../retry/policy'
import type { FunctionEnv } from './env'
import type { FileAccessRule } from '../source/file-access'

export interface HandlerConfig extends FileAccessRule {
  retryPolicy: RetryPolicy
}

/**
 * The handler's settings from the function's environment (read by env.ts). The retry settings exist so a
 * function given a longer timeout can use it, and so tests can shrink the budget instead of waiting 18 s.
 */
export function handlerConfigOf(env: FunctionEnv): HandlerConfig {
  const budgetMs = env.OCR_RETRY_BUDGET_MS
  return {
    uploadPrefix: env.OCR_UPLOAD_PREFIX,
    trustedSources: env.OCR_TRUSTED_SOURCES,
    retryPolicy: {
      ...DEFAULT_RETRY_POLICY,
      maxAttempts: env.OCR_RETRY_MAX_ATTEMPTS,
      budgetMs,
      // By default one attempt may use the whole budget. The gateway queues calls when the platform is
      // busy and still runs (and charges) one the SDK gave up on, so a client-side timeout followed by a
      // retry doubles the spend exactly when the platform is slow; failures it reports (busy, reset) are
      // still retried. A shorter OCR_ATTEMPT_TIMEOUT_MS brings back the abandon-and-retry behaviour.
      attemptTimeoutMs: Math.min(budgetMs, env.OCR_ATTEMPT_TIMEOUT_MS),
    },
  }
}

/** The cache, limit and budget settings from the function's environment (read by env.ts). */
export function quotaConfigOf(env: FunctionEnv): QuotaConfig {
  const urlTtl = env.OCR_URL_CACHE_TTL_SECONDS
  return {
    collections: { cache: env.OCR_CACHE_COLLECTION, counters: env.OCR_COUNTER_COLLECTION },
    cacheTtlMs: env.OCR_CACHE_TTL_SECONDS * 1000,
    urlCacheTtlMs: urlTtl > 0 ? urlTtl * 1000 : undefined,
    userDailyLimit: env.OCR_USER_DAILY_LIMIT,
    dailyBudget: env.OCR_DAILY_BUDGET,
    budgetUnchecked: env.OCR_BUDGET_UNCHECKED,
  }
}
