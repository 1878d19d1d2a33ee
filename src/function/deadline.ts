// The platform's time limit for one invocation, and the retry policy fitted inside it. A function uploaded
// from DevTools runs with the platform's default of 3 s, whatever cloudbaserc.json says; the runtime passes
// the real limit as `context.time_limit_in_ms` on every call. Without it, the configured policy holds.
import { ERROR_CATALOG } from '../errors/catalog'
import { failure } from '../errors/failure'
import type { CallWindow } from '../quota/call-window'
import type { OcrReply } from '../reply/schema'
import {
  answerMarginMs,
  FUNCTION_TIMEOUT_MS,
  retryBudgetWithin,
  type RetryPolicy,
} from '../retry/policy'
import type { RetryClock } from '../clock/clock'
import { expireAfter } from '../clock/expire-after'

/** What OCR with its retries is built for: a shorter limit is warned about and named in TIMEOUT. */
export const RECOMMENDED_TIMEOUT_MS = FUNCTION_TIMEOUT_MS

/** The invocation's limit in ms, when the runtime gave one. */
export function timeLimitOf(context: unknown): number | undefined {
  if (typeof context !== 'object' || context === null) return undefined
  const limit = (context as Record<string, unknown>).time_limit_in_ms
  return typeof limit === 'number' && Number.isFinite(limit) && limit > 0 ? limit : undefined
}

/** The policy with its budget and attempt timeout cut to the time left; never longer than configured. */
export function fitRetryPolicy(policy: RetryPolicy, remainingMs: number): RetryPolicy {
  const budgetMs = Math.max(0, Math.min(policy.budgetMs, Math.floor(remainingMs)))
  return { ...policy, budgetMs, attemptTimeoutMs: Math.min(policy.attemptTimeoutMs, budgetMs) }
}

/** The policy for retries that must end by `retryBy` (clock time), fitted when they start. */
export function fitTo(
  policy: RetryPolicy,
  retryBy: number | undefined,
  clock: RetryClock,
): RetryPolicy {
  return retryBy === undefined ? policy : fitRetryPolicy(policy, retryBy - clock.now())
}

export interface CallDeadline {
  limitMs: number
  /** Under the recommended 20 s: worth a warning, and a TIMEOUT says so. */
  short: boolean
  /** When the retries must end (RetryClock time): a margin before the limit. */
  retryBy: number
  /** When the platform stops the invocation (RetryClock time). */
  stopsAt: number
  /** When the answer must leave (RetryClock time): half the margin before the limit. */
  answerBy: number
}

/**
 * The deadlines of this call, read from its context on every call (the limit can change with a deploy).
 * The retries end a margin before the limit, leaving half of it to give up the cache claim and settle the
 * counters; whatever still runs at half the margin is abandoned.
 */
export function deadlineOf(context: unknown, clock: RetryClock): CallDeadline | undefined {
  const limitMs = timeLimitOf(context)
  if (limitMs === undefined) return undefined
  const margin = answerMarginMs(limitMs)
  return {
    limitMs,
    short: limitMs < RECOMMENDED_TIMEOUT_MS,
    retryBy: clock.now() + retryBudgetWithin(limitMs),
    stopsAt: clock.now() + limitMs,
    answerBy: clock.now() + limitMs - margin / 2,
  }
}

/**
 * The guard's view of this invocation's time: its work ends with the retries, and it is over when the
 * platform stops it. Without a limit from the runtime, the configured policy inside the deployed timeout.
 */
export function functionWindow(
  deadline: CallDeadline | undefined,
  policy: RetryPolicy,
  clock: RetryClock,
): CallWindow {
  if (deadline !== undefined) return { workEndsAt: deadline.retryBy, endsAt: deadline.stopsAt }
  const now = clock.now()
  return {
    workEndsAt: now + policy.budgetMs,
    endsAt: now + Math.max(FUNCTION_TIMEOUT_MS, policy.budgetMs),
  }
}

/** The once-per-container warning of a limit under 20 s. */
export function shortLimitWarning(limitMs: number): Record<string, unknown> {
  return {
    msg: 'ocrPrintedText time limit too short',
    timeLimitMs: limitMs,
    recommendedMs: RECOMMENDED_TIMEOUT_MS,
    hint: ERROR_CATALOG.TIMEOUT.hint,
  }
}

function timeoutFor(deadline: CallDeadline): OcrReply {
  if (!deadline.short) return failure('TIMEOUT')
  const message =
    `The function's timeout is ${deadline.limitMs} ms, too short for OCR with retries ` +
    `(${RECOMMENDED_TIMEOUT_MS / 1000} s); it answered before the platform would stop it.`
  return failure('TIMEOUT', { message })
}

/**
 * The last guard of the time limit: whatever still runs at `answerBy` (a download, a database call, an
 * attempt the retries could not cut) is abandoned, and the caller gets a typed TIMEOUT instead of the
 * platform's kill. A TIMEOUT under a short limit says the limit is the cause.
 */
export async function answerInTime(
  work: Promise<OcrReply>,
  deadline: CallDeadline,
  clock: RetryClock,
): Promise<OcrReply> {
  const answered = new AbortController()
  // The clock's own deadline timer when it has one (a test's virtual time); else a real timer, so a
  // clock whose sleeps pass at once does not make every answer late.
  const expired = expireAfter(
    clock,
    Math.max(0, deadline.answerBy - clock.now()),
    answered.signal,
  ).then(() => timeoutFor(deadline))
  try {
    const reply = await Promise.race([work, expired])
    return deadline.short && !reply.ok && reply.error.code === 'TIMEOUT'
      ? timeoutFor(deadline)
      : reply
  } finally {
    answered.abort()
  }
}
