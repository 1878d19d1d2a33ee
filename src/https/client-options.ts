// The client's options, checked once when the client is made. A wrong option is a programming error, so
// it throws there (and only there); its message names the option, never its value, so a secret passed in
// the wrong place cannot end up in a crash report.
import * as z from 'zod'

import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../retry/policy'
import { processRetryQuota, RetryQuota } from '../retry/retry-quota'
import { SYSTEM_CLOCK, type RetryClock } from '../retry/run-with-retry'
import { accepts } from '../schema/exactly'
import type { QuotaGuard } from '../pipeline/guarded-recognition'
import { clientGuard, GuardOptionsShape, type GuardOptions } from './client-guard'
import { DEFAULT_BASE_URL } from './endpoints'
import type { PrintedTextLogger } from './log-line'

const isFunction = (value: unknown): boolean => typeof value === 'function'

const RetryPolicySchema = z
  .object({
    maxAttempts: z.number().int().min(1),
    baseDelayMs: z.number().min(0),
    maxDelayMs: z.number().min(0),
    budgetMs: z.number().positive(),
    attemptTimeoutMs: z.number().positive(),
    retryQuota: z
      .object({
        capacity: z.number().min(0),
        retryCost: z.number().min(0),
        timeoutRetryCost: z.number().min(0),
        successRefund: z.number().min(0),
      })
      .readonly()
      .optional(),
  })
  .readonly()

/** At most this many recognitions talk to the platform at once by default; the rest wait their turn. */
export const DEFAULT_MAX_CONCURRENCY = 4

const ClockSchema = z.custom<RetryClock>(
  (value) =>
    typeof value === 'object' &&
    value !== null &&
    ['now', 'sleep', 'random'].every((key) => isFunction((value as Record<string, unknown>)[key])),
  'expected { now(), sleep(ms), random() }',
)

const common = {
  /** Default https://api.weixin.qq.com; the local cloud's origin in tests and local runs. */
  baseUrl: z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' }).optional(),
  /** Attempts, backoff, budget and per-attempt timeout; default: the cloud function's policy. */
  retryPolicy: RetryPolicySchema.optional(),
  /** Time and randomness for backoff and token expiry; injectable for tests. */
  clock: ClockSchema.optional(),
  /** Recognitions in flight at once (default 4); the others queue, their attempt timers not started. */
  maxConcurrency: z.number().int().min(1).optional(),
  /** The retry bucket; default the process's own, shared by every client with the same policy numbers. */
  retryQuota: z.instanceof(RetryQuota).optional(),
  fetch: z.custom<typeof fetch>(isFunction, 'expected a fetch function').optional(),
  logger: z.custom<PrintedTextLogger>(isFunction, 'expected a function').optional(),
  // The guard: store, cacheTtlMs, dailyBudget, callerDailyLimit, budgetUnchecked, storeBreaker.
  ...GuardOptionsShape,
}

/** The options of either kind of client; the guard's (store, cacheTtlMs, budgets) in client-guard.ts. */
export interface CommonClientOptions extends GuardOptions {
  /** Default https://api.weixin.qq.com; the local cloud's origin in tests and local runs. */
  baseUrl?: string
  /** Attempts, backoff, budget and per-attempt timeout; default: the cloud function's policy. */
  retryPolicy?: RetryPolicy
  /** Time and randomness for backoff and token expiry; injectable for tests. */
  clock?: RetryClock
  /** Recognitions in flight at once (default 4); the others queue, their attempt timers not started. */
  maxConcurrency?: number
  /** The retry bucket; default the process's own, shared by every client with the same policy numbers. */
  retryQuota?: RetryQuota
  fetch?: typeof fetch
  /** Called with one structured line per recognition and per token fetch. */
  logger?: PrintedTextLogger
}

/** The client fetches and renews the access_token itself, through stable_token. */
export interface CredentialsOptions extends CommonClientOptions {
  appId: string
  appSecret: string
}

/** The caller owns the token (a third party's authorizer_access_token, a token service). */
export interface CallerTokenOptions extends CommonClientOptions {
  /** Resolves with a valid access_token or authorizer_access_token; called again after a refusal. */
  getAccessToken: () => Promise<string>
}

export type PrintedTextClientOptions = CredentialsOptions | CallerTokenOptions

// The interfaces above are what callers see; accepts() fails the typecheck if a schema below and its
// interface differ by one field.
const CredentialsOptionsSchema = accepts<CredentialsOptions>()(
  z
    .object({
      appId: z.string().min(1, 'expected a non-empty AppID'),
      appSecret: z.string().min(1, 'expected a non-empty AppSecret'),
      ...common,
    })
    .strict(),
)

const CallerTokenOptionsSchema = accepts<CallerTokenOptions>()(
  z
    .object({
      getAccessToken: z.custom<() => Promise<string>>(isFunction, 'expected a function'),
      ...common,
    })
    .strict(),
)

export interface ResolvedClientOptions {
  tokens:
    | { kind: 'credentials'; appId: string; appSecret: string }
    | { kind: 'caller'; getAccessToken: () => Promise<string> }
  baseUrl: string
  retryPolicy: RetryPolicy
  maxConcurrency: number
  retryQuota: RetryQuota
  clock: RetryClock
  fetch: typeof fetch
  logger: PrintedTextLogger | undefined
  /** The result cache, single flight and daily limits; undefined when the options turn them off. */
  guard: QuotaGuard | undefined
}

function problems(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      if (issue.code === 'unrecognized_keys') return `unknown option(s): ${issue.keys.join(', ')}`
      return `${issue.path.join('.') || 'options'}: ${issue.message}`
    })
    .join('; ')
}

export function resolveClientOptions(options: unknown): ResolvedClientOptions {
  const given = typeof options === 'object' && options !== null ? options : {}
  const callerOwned = 'getAccessToken' in given
  const schema = callerOwned ? CallerTokenOptionsSchema : CredentialsOptionsSchema
  const parsed = schema.safeParse(options)
  if (!parsed.success) {
    const both = callerOwned && ('appId' in given || 'appSecret' in given)
    const hint = both ? ' Give either { getAccessToken } or { appId, appSecret }, not both.' : ''
    throw new TypeError(`createPrintedTextClient: ${problems(parsed.error)}.${hint}`)
  }
  const data = parsed.data
  const retryPolicy = data.retryPolicy ?? DEFAULT_RETRY_POLICY
  const clock = data.clock ?? SYSTEM_CLOCK
  return {
    tokens:
      'getAccessToken' in data
        ? { kind: 'caller', getAccessToken: data.getAccessToken }
        : { kind: 'credentials', appId: data.appId, appSecret: data.appSecret },
    baseUrl: data.baseUrl ?? DEFAULT_BASE_URL,
    retryPolicy,
    maxConcurrency: data.maxConcurrency ?? DEFAULT_MAX_CONCURRENCY,
    retryQuota: data.retryQuota ?? processRetryQuota(data.retryPolicy?.retryQuota),
    clock,
    // Looked up at call time, so a test's or an app's later replacement of globalThis.fetch is honoured.
    fetch: data.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    logger: data.logger,
    guard: clientGuard(data, clock),
  }
}
