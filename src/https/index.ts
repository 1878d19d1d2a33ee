// The HTTPS client's public surface; everything else in this folder is internal.
export { createPrintedTextClient, type PrintedTextClient } from './client'
export type {
  PrintedTextClientOptions,
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
