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
  /** When the budget or limit cannot be checked: refuse the call (default) or spend it anyway. */
  readonly budgetUnchecked: BudgetUnchecked
}

/** `refuse` (default): answer BUDGET_UNCHECKED, nothing spent; `spend`: call the platform uncounted. */
export const BUDGET_UNCHECKED_CHOICES = ['refuse', 'spend'] as const
export type BudgetUnchecked = (typeof BUDGET_UNCHECKED_CHOICES)[number]
export const DEFAULT_BUDGET_UNCHECKED: BudgetUnchecked = 'refuse'

export const DEFAULT_COLLECTIONS = { cache: 'ocr_cache', counters: 'ocr_counters' } as const
export const DEFAULT_CACHE_TTL_SECONDS = 7 * 24 * 60 * 60
export const DEFAULT_USER_DAILY_LIMIT = 20
/** The platform's free quota is about 100 calls a day per account. */
export const DEFAULT_DAILY_BUDGET = 100
