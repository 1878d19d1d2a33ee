// The HTTPS client's guard options: the result cache, single flight and daily limits, kept in a store
// (this process's memory by default, or one a fleet shares, such as Redis). The guard itself is the one
// the cloud function runs (src/pipeline); only where its settings come from differs.
import * as z from 'zod'

import type { QuotaGuard } from '../pipeline/guarded-recognition'
import {
  BUDGET_UNCHECKED_CHOICES,
  DEFAULT_BUDGET_UNCHECKED,
  DEFAULT_CACHE_TTL_SECONDS,
  DEFAULT_COLLECTIONS,
  type BudgetUnchecked,
} from '../quota/config'
import type { RetryClock } from '../retry/run-with-retry'
import type { DocumentStore } from '../store/document-store'
import { createMemoryStore } from '../store/memory-store'
import { StoreBreaker } from '../store/store-breaker'

const STORE_METHODS = ['get', 'insert', 'set', 'updateIf', 'removeIf'] as const

const StoreSchema = z.custom<DocumentStore>(
  (value) =>
    typeof value === 'object' &&
    value !== null &&
    STORE_METHODS.every((key) => typeof (value as Record<string, unknown>)[key] === 'function'),
  'expected a store such as createMemoryStore() or createRedisStore({ client })',
)

export const GuardOptionsShape = {
  /** Where results, claims and daily counters live; default: this process's memory. */
  store: StoreSchema.optional(),
  /** How long a recognized image is answered from the store (image bytes, not URLs); 0: no cache. */
  cacheTtlMs: z.number().int().min(0).optional(),
  /** Platform calls per Beijing day for every client sharing the store; 0 (default): no budget. */
  dailyBudget: z.number().int().min(0).optional(),
  /** Platform calls per Beijing day per recognize(input, { callerKey }); 0 (default): no limit. */
  callerDailyLimit: z.number().int().min(0).optional(),
  /** When the store cannot say whether the budget or limit allows a call: 'refuse' (default) or 'spend'. */
  budgetUnchecked: z.enum(BUDGET_UNCHECKED_CHOICES).optional(),
  /** The store's circuit breaker; default one per client. Give clients one to share it. */
  storeBreaker: z.instanceof(StoreBreaker).optional(),
}

/** The client's guard options, as callers see them (checked against GuardOptionsShape by accepts()). */
export interface GuardOptions {
  /** Where results, claims and daily counters live; default: this process's memory. */
  store?: DocumentStore
  /** How long a recognized image is answered from the store (image bytes, not URLs); 0: no cache. */
  cacheTtlMs?: number
  /** Platform calls per Beijing day for every client sharing the store; 0 (default): no budget. */
  dailyBudget?: number
  /** Platform calls per Beijing day per recognize(input, { callerKey }); 0 (default): no limit. */
  callerDailyLimit?: number
  /** When the store cannot say whether the budget or limit allows a call: 'refuse' (default) or 'spend'. */
  budgetUnchecked?: BudgetUnchecked
  /** The store's circuit breaker; default one per client. Give clients one to share it. */
  storeBreaker?: StoreBreaker
}

export const DEFAULT_CLIENT_CACHE_TTL_MS = DEFAULT_CACHE_TTL_SECONDS * 1000

/** The guard the options ask for, or undefined when they turn all of it off (no store is touched). */
export function clientGuard(options: GuardOptions, clock: RetryClock): QuotaGuard | undefined {
  const cacheTtlMs = options.cacheTtlMs ?? DEFAULT_CLIENT_CACHE_TTL_MS
  const dailyBudget = options.dailyBudget ?? 0
  const userDailyLimit = options.callerDailyLimit ?? 0
  if (cacheTtlMs === 0 && dailyBudget === 0 && userDailyLimit === 0) return undefined
  return {
    store: options.store ?? createMemoryStore({ now: () => clock.now() }),
    config: {
      collections: DEFAULT_COLLECTIONS,
      cacheTtlMs,
      // A URL's content can change under it; the client caches images it is given, not URLs.
      urlCacheTtlMs: undefined,
      userDailyLimit,
      dailyBudget,
      budgetUnchecked: options.budgetUnchecked ?? DEFAULT_BUDGET_UNCHECKED,
    },
    ...(options.storeBreaker === undefined ? {} : { breaker: options.storeBreaker }),
  }
}
