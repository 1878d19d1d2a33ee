import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../retry/policy'

export interface HandlerConfig {
  /** Where a mini program user's uploads must lie; {OPENID} is replaced by the caller's OPENID. */
  uploadPrefix: string
  retryPolicy: RetryPolicy
}

export const DEFAULT_UPLOAD_PREFIX = 'ocr-uploads/{OPENID}/'

/** A positive whole number from the environment, or the default when unset or not a number. */
function positiveInt(value: string | undefined, fallback: number): number {
  const parsed = value === undefined ? NaN : Number(value)
  return Number.isInteger(parsed) && parsed > 0 ? parsed : fallback
}

/**
 * Reads the function's settings from its environment variables (cloudbaserc.json `envVariables` or the
 * console). The retry settings exist so a function given a longer timeout can use it, and so tests can
 * shrink the budget instead of waiting 18 s.
 */
export function configFromEnv(env: NodeJS.ProcessEnv): HandlerConfig {
  const prefix = env.OCR_UPLOAD_PREFIX?.trim()
  const budgetMs = positiveInt(env.OCR_RETRY_BUDGET_MS, DEFAULT_RETRY_POLICY.budgetMs)
  return {
    uploadPrefix: prefix ? prefix : DEFAULT_UPLOAD_PREFIX,
    retryPolicy: {
      ...DEFAULT_RETRY_POLICY,
      maxAttempts: positiveInt(env.OCR_RETRY_MAX_ATTEMPTS, DEFAULT_RETRY_POLICY.maxAttempts),
      budgetMs,
      attemptTimeoutMs: Math.min(
        budgetMs,
        positiveInt(env.OCR_ATTEMPT_TIMEOUT_MS, DEFAULT_RETRY_POLICY.attemptTimeoutMs),
      ),
    },
  }
}
