// The HTTPS client's public surface; everything else in this folder is internal.
export { createPrintedTextClient, type PrintedTextClient, type RecognizeOptions } from './client'
export { RetryQuota, DEFAULT_RETRY_QUOTA, type RetryQuotaRule } from '../retry/retry-quota'
export type {
  PrintedTextClientOptions,
  CommonClientOptions,
  CredentialsOptions,
  CallerTokenOptions,
} from './client-options'
export type { RecognizeInput } from './recognize-input'
export type {
  PrintedTextLogger,
  PrintedTextLogLine,
  RecognizeLogLine,
  TokenLogLine,
} from './log-line'
// The guard's stores: one process's memory (the default), or one Redis a fleet of servers shares.
export { createMemoryStore, type MemoryStoreOptions } from '../store/memory-store'
export { createRedisStore, type RedisStoreOptions } from '../store/redis-store'
export type { RedisClientLike, IoredisLike, NodeRedisLike } from '../store/redis-commands'
export type { DocumentStore, StoredDoc, FieldCondition, DocChange } from '../store/document-store'
export type { GuardOptions } from './client-options'
// The store's circuit breaker (one per client by default) and what a budget the store cannot check does.
export {
  StoreBreaker,
  DEFAULT_BREAKER_RULE,
  type BreakerRule,
  type BreakerState,
  type StoreBreakerOptions,
} from '../store/store-breaker'
export type { BudgetUnchecked } from '../quota/config'
