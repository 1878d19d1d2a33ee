// Settings of the result cache, the per-user limit and the account budget: the one place that names the
// collections and reads the environment variables (cloudbaserc.json `envVariables` or the console).
import type { RetryPolicy } from '../retry/policy'
import { claimTimings } from './claim-timing'

export interface QuotaConfig {
  /** Collection names; create both before deploying (see the README), readable only by functions. */
  readonly collections: { readonly cache: string; readonly counters: string }
  /** How long a recognized image stays cached; 0 turns the cache off. */
  readonly cacheTtlMs: number
  /** URL sources are cached only when this is set: the content behind a URL can change. */
  readonly urlCacheTtlMs: number | undefined
  /** Platform calls per OPENID per Beijing day; 0 turns the limit off. */
  readonly userDailyLimit: number
  /** Platform calls per account per Beijing day; 0 turns the budget off. */
  readonly dailyBudget: number
  /** A pending claim older than this is taken over: its owner's function has surely timed out. */
  readonly claimStaleMs: number
  /** How long a call waits for another call recognizing the same image. */
  readonly waitBudgetMs: number
  /** One database operation is given up after this long; the recognition goes on without it. */
  readonly storeTimeoutMs: number
}

export const DEFAULT_COLLECTIONS = { cache: 'ocr_cache', counters: 'ocr_counters' } as const
export const DEFAULT_CACHE_TTL_SECONDS = 7 * 24 * 60 * 60
export const DEFAULT_USER_DAILY_LIMIT = 20
/** The platform's free quota is about 100 calls a day per account. */
export const DEFAULT_DAILY_BUDGET = 100

export interface QuotaConfigResult {
  config: QuotaConfig
  /** Variables that were set but unreadable, so the function can say so once at load time. */
  warnings: string[]
}

function wholeNumber(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
  warnings: string[],
): number {
  const raw = env[name]?.trim()
  if (raw === undefined || raw === '') return fallback
  const parsed = Number(raw)
  if (Number.isInteger(parsed) && parsed >= 0) return parsed
  warnings.push(`${name}="${raw}" is not a whole number >= 0; using ${fallback}`)
  return fallback
}

function name(env: NodeJS.ProcessEnv, key: string, fallback: string): string {
  const raw = env[key]?.trim()
  return raw ? raw : fallback
}

export function quotaConfigFromEnv(env: NodeJS.ProcessEnv, retry: RetryPolicy): QuotaConfigResult {
  const warnings: string[] = []
  const urlTtl = wholeNumber(env, 'OCR_URL_CACHE_TTL_SECONDS', 0, warnings)
  return {
    config: {
      collections: {
        cache: name(env, 'OCR_CACHE_COLLECTION', DEFAULT_COLLECTIONS.cache),
        counters: name(env, 'OCR_COUNTER_COLLECTION', DEFAULT_COLLECTIONS.counters),
      },
      cacheTtlMs:
        wholeNumber(env, 'OCR_CACHE_TTL_SECONDS', DEFAULT_CACHE_TTL_SECONDS, warnings) * 1000,
      urlCacheTtlMs: urlTtl > 0 ? urlTtl * 1000 : undefined,
      userDailyLimit: wholeNumber(env, 'OCR_USER_DAILY_LIMIT', DEFAULT_USER_DAILY_LIMIT, warnings),
      dailyBudget: wholeNumber(env, 'OCR_DAILY_BUDGET', DEFAULT_DAILY_BUDGET, warnings),
      ...claimTimings(retry),
    },
    warnings,
  }
}
