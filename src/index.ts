// The library: what server code, the HTTPS client and the mini program share with the cloud function.
// Its declarations name no zod (zod is bundled in): the types are plain interfaces, and the schemas that
// check them at run time are exported from `<package>/schemas` (src/schemas.ts) for those who have zod.
export type {
  Point,
  Quad,
  OcrItem,
  ImageSize,
  OcrSuccess,
  OcrError,
  OcrFailure,
  OcrReply,
} from './reply/schema'
export {
  ERROR_CATALOG,
  ERROR_CODES,
  type ErrorCode,
  type CatalogEntry,
  type IncomingEvidence,
} from './errors/catalog'
export { failure } from './errors/failure'
export { classifyPlatformError, type PlatformErrorFacts } from './errors/classify'
export type { OcrEvent, ImgInput } from './parse/event-schema'
export { parseOcrEvent } from './parse/parse-event'
export { sniffImageType, IMAGE_MIME, type ImageType } from './checks/sniff'
export { checkImageBytes } from './checks/check-bytes'
export { IMAGE_SIZE_LIMIT_BYTES, isUnderImageSizeLimit } from './checks/size-limit'
export { normalizePrintedText } from './normalize/normalize'
export { readingRows, joinRows } from './normalize/reading-order'
export { DEFAULT_RETRY_POLICY, backoffDelay, type RetryPolicy } from './retry/policy'
export { runWithRetry } from './retry/run-with-retry'
export type { RetryClock } from './clock/clock'
export type { UploadPrefixRequest, UploadPrefixReply } from './parse/upload-prefix'
// The HTTPS client, for servers outside Cloud Development (issue 5).
export {
  createPrintedTextClient,
  type PrintedTextClient,
  type RecognizeOptions,
  RetryQuota,
  DEFAULT_RETRY_QUOTA,
  type RetryQuotaRule,
  type PrintedTextClientOptions,
  type CommonClientOptions,
  type CredentialsOptions,
  type CallerTokenOptions,
  type RecognizeInput,
  type PrintedTextLogger,
  type PrintedTextLogLine,
  createMemoryStore,
  type MemoryStoreOptions,
  createRedisStore,
  type RedisStoreOptions,
  type RedisClientLike,
  type DocumentStore,
  type GuardOptions,
  StoreBreaker,
  DEFAULT_BREAKER_RULE,
  type BreakerRule,
  type BreakerState,
  type StoreBreakerOptions,
  type BudgetUnchecked,
} from './https'
