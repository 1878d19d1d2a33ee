// The client's options, in three parts read top to bottom: each option declared once with its doc (the
// interfaces, what callers see), its check (the schemas; accepts() fails the typecheck if a schema and its
// interface differ by one field), and every default, filled in once by normalizeClientOptions, as ky's
// normalizeRetryOptions does. A new option is one line in each part. A wrong option is a programming
// error, so it throws here (and only here); its message names the option, never its value, so a secret
// passed in the wrong place cannot end up in a crash report (and a key that is the secret is masked).
import * as z from 'zod'

import { SYSTEM_CLOCK, type RetryClock } from '../clock/clock'
import {
  BUDGET_UNCHECKED_CHOICES,
  DEFAULT_BUDGET_UNCHECKED,
  DEFAULT_CACHE_TTL_SECONDS,
  type BudgetUnchecked,
} from '../quota/config'
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../retry/policy'
import { processRetryQuota, RetryQuota } from '../retry/retry-quota'
import { accepts } from '../schema/exactly'
import type { DocumentStore } from '../store/document-store'
import { createMemoryStore } from '../store/memory-store'
import { StoreBreaker } from '../store/store-breaker'
import type { PrintedTextLogger } from './log-line'
import { SecretBook } from './secret-book'

// ---- The options, each declared once ----

/** The guard: the result cache, single flight and daily limits, kept in a store. */
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

/** The options of either kind of client. */
export interface CommonClientOptions extends GuardOptions {
  /** Default https://api.weixin.qq.com; the local cloud's origin in tests and local runs. */
  baseUrl?: string
  /** Attempts, backoff, budget and per-attempt timeout; default: the cloud function's policy. */
  retryPolicy?: RetryPolicy
  /** Time and randomness for backoff and token expiry; injectable for tests. */
  clock?: RetryClock
  /** Recognitions in flight at once; the others queue, their attempt timers not started. */
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

// ---- Their checks ----

const isFunction = (value: unknown): boolean => typeof value === 'function'
const hasMethods = (value: unknown, methods: readonly string[]): boolean =>
  typeof value === 'object' &&
  value !== null &&
  methods.every((key) => isFunction((value as Record<string, unknown>)[key]))

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

const GuardOptionsShape = {
  store: z
    .custom<DocumentStore>(
      (value) => hasMethods(value, ['get', 'insert', 'set', 'updateIf', 'removeIf']),
      'expected a store such as createMemoryStore() or createRedisStore({ client })',
    )
    .optional(),
  cacheTtlMs: z.number().int().min(0).optional(),
  dailyBudget: z.number().int().min(0).optional(),
  callerDailyLimit: z.number().int().min(0).optional(),
  budgetUnchecked: z.enum(BUDGET_UNCHECKED_CHOICES).optional(),
  storeBreaker: z.instanceof(StoreBreaker).optional(),
}

const CommonOptionsShape = {
  baseUrl: z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' }).optional(),
  retryPolicy: RetryPolicySchema.optional(),
  clock: z
    .custom<RetryClock>(
      (value) => hasMethods(value, ['now', 'sleep', 'random']),
      'expected { now(), sleep(ms), random() }',
    )
    .optional(),
  maxConcurrency: z.number().int().min(1).optional(),
  retryQuota: z.instanceof(RetryQuota).optional(),
  fetch: z.custom<typeof fetch>(isFunction, 'expected a fetch function').optional(),
  logger: z.custom<PrintedTextLogger>(isFunction, 'expected a function').optional(),
  ...GuardOptionsShape,
}

const CredentialsOptionsSchema = accepts<CredentialsOptions>()(
  z
    .object({
      appId: z.string().min(1, 'expected a non-empty AppID'),
      appSecret: z.string().min(1, 'expected a non-empty AppSecret'),
      ...CommonOptionsShape,
    })
    .strict(),
)

const CallerTokenOptionsSchema = accepts<CallerTokenOptions>()(
  z
    .object({
      getAccessToken: z.custom<() => Promise<string>>(isFunction, 'expected a function'),
      ...CommonOptionsShape,
    })
    .strict(),
)

// ---- Their defaults, filled in once ----

/** What each option is when it is not given (the store, the retry bucket and fetch are made per client). */
export const CLIENT_DEFAULTS = Object.freeze({
  baseUrl: 'https://api.weixin.qq.com',
  retryPolicy: DEFAULT_RETRY_POLICY,
  clock: SYSTEM_CLOCK,
  maxConcurrency: 4,
  /** As long as the cloud function keeps a recognized image. */
  cacheTtlMs: DEFAULT_CACHE_TTL_SECONDS * 1000,
  dailyBudget: 0,
  callerDailyLimit: 0,
  budgetUnchecked: DEFAULT_BUDGET_UNCHECKED,
})

/** Every option filled in; the logger and the breaker (the guard makes one per client) may stay absent. */
export type NormalizedClientOptions = Required<
  Omit<CommonClientOptions, 'logger' | 'storeBreaker'>
> & {
  storeBreaker: StoreBreaker | undefined
  tokens:
    | { kind: 'credentials'; appId: string; appSecret: string }
    | { kind: 'caller'; getAccessToken: () => Promise<string> }
  logger: PrintedTextLogger | undefined
}

/** Checks the options and fills in every default; throws a TypeError naming each wrong option. */
export function normalizeClientOptions(options: unknown): NormalizedClientOptions {
  const given = typeof options === 'object' && options !== null ? options : {}
  const callerOwned = 'getAccessToken' in given
  const schema = callerOwned ? CallerTokenOptionsSchema : CredentialsOptionsSchema
  const parsed = schema.safeParse(options)
  if (!parsed.success) {
    const both = callerOwned && ('appId' in given || 'appSecret' in given)
    const hint = both ? '\nGive either { getAccessToken } or { appId, appSecret }, not both.' : ''
    // An unknown key can be the secret itself (an object spread in the wrong place): mask it there too.
    const secret = (given as { appSecret?: unknown }).appSecret
    const secrets = new SecretBook(typeof secret === 'string' ? [secret] : [])
    const message = `createPrintedTextClient: wrong options\n${z.prettifyError(parsed.error)}${hint}`
    const masked = secrets.redact(message)
    // zod's error is the cause, unless it names the secret: its issues keep the key as it was given.
    throw new TypeError(masked, masked === message ? { cause: parsed.error } : undefined)
  }
  const { data } = parsed
  const clock = data.clock ?? CLIENT_DEFAULTS.clock
  return {
    tokens:
      'getAccessToken' in data
        ? { kind: 'caller', getAccessToken: data.getAccessToken }
        : { kind: 'credentials', appId: data.appId, appSecret: data.appSecret },
    baseUrl: data.baseUrl ?? CLIENT_DEFAULTS.baseUrl,
    retryPolicy: data.retryPolicy ?? CLIENT_DEFAULTS.retryPolicy,
    clock,
    maxConcurrency: data.maxConcurrency ?? CLIENT_DEFAULTS.maxConcurrency,
    retryQuota: data.retryQuota ?? processRetryQuota(data.retryPolicy?.retryQuota),
    // Looked up at call time, so a test's or an app's later replacement of globalThis.fetch is honoured.
    fetch: data.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    logger: data.logger,
    store: data.store ?? createMemoryStore({ now: () => clock.now() }),
    cacheTtlMs: data.cacheTtlMs ?? CLIENT_DEFAULTS.cacheTtlMs,
    dailyBudget: data.dailyBudget ?? CLIENT_DEFAULTS.dailyBudget,
    callerDailyLimit: data.callerDailyLimit ?? CLIENT_DEFAULTS.callerDailyLimit,
    budgetUnchecked: data.budgetUnchecked ?? CLIENT_DEFAULTS.budgetUnchecked,
    storeBreaker: data.storeBreaker,
  }
}
