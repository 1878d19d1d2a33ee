import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../retry/policy'

export interface HandlerConfig {
  /** Where a mini program user's uploads must lie; {OPENID} is replaced by the caller's OPENID. */
  uploadPrefix: string
  retryPolicy: RetryPolicy
}

export const DEFAULT_UPLOAD_PREFIX = 'ocr-uploads/{OPENID}/'

/** Reads the function's settings from its environment variables (set in cloudbaserc.json or the console). */
export function configFromEnv(env: NodeJS.ProcessEnv): HandlerConfig {
  const prefix = env.OCR_UPLOAD_PREFIX?.trim()
  return {
    uploadPrefix: prefix ? prefix : DEFAULT_UPLOAD_PREFIX,
    retryPolicy: DEFAULT_RETRY_POLICY,
  }
}
