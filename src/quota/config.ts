// Settings of the result cache, the per-user limit and the account budget, and their defaults; the
// function sets them from its environment (function/config.ts), the HTTPS client from its options.

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
