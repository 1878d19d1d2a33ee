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
