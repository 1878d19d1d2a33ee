import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../retry/policy'
import type { FileAccessRule } from './file-guard'

export interface HandlerConfig extends FileAccessRule {
  retryPolicy: RetryPolicy
}

export const DEFAULT_UPLOAD_PREFIX = 'ocr-uploads/{OPENID}/'
/**
 * Calls without an OPENID read outside the upload prefix only from these call chains. Another function
 * of the account (`scf`) is our own code; a web, anonymous or unidentified client (`wx_http`,
 * `wx_unknown`, anything else) is not. The console's test panel sends a SOURCE the platform does not
 * document: add the value its FILE_FORBIDDEN message names to allow it.
 */
export const DEFAULT_TRUSTED_SOURCES: readonly string[] = ['scf']

function listOf(value: string | undefined, fallback: readonly string[]): readonly string[] {
  if (value === undefined || value.trim() === '') return fallback
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '')
}

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
    trustedSources: listOf(env.OCR_TRUSTED_SOURCES, DEFAULT_TRUSTED_SOURCES),
    retryPolicy: {
      ...DEFAULT_RETRY_POLICY,
      maxAttempts: positiveInt(env.OCR_RETRY_MAX_ATTEMPTS, DEFAULT_RETRY_POLICY.maxAttempts),
      budgetMs,
      // By default one attempt may use the whole budget. The gateway queues calls when the platform is
      // busy and still runs (and charges) one the SDK gave up on, so a client-side timeout followed by a
      // retry doubles the spend exactly when the platform is slow; failures it reports (busy, reset) are
      // still retried. A shorter OCR_ATTEMPT_TIMEOUT_MS brings back the abandon-and-retry behaviour.
      attemptTimeoutMs: Math.min(budgetMs, positiveInt(env.OCR_ATTEMPT_TIMEOUT_MS, budgetMs)),
    },
  }
}
