// How long a call may hold or wait for a claim on an image, and how long its store operations may take:
// the same rule for the function and the HTTPS client, all from the call's own time (its CallWindow),
// as Powertools' idempotency ties an in-progress record to the invocation's remaining time. A function
// on the platform's 3 s default holds a claim about 3 s, not the 25 s a 20 s function would.
import type { CallWindow } from './call-window'

/** Containers' clocks disagree a little: a claim is taken over only this long after its owner's end. */
export const CLAIM_CLOCK_SKEW_MS = 1000

/** The store time of one call, all operations together, when the call has time enough. */
export const DEFAULT_STORE_BUDGET_MS = 3000

/** The store may take at most this share of the time the call has left, so a slow store leaves the rest. */
const STORE_SHARE_OF_REMAINING = 1 / 4

/** Written into the claim: after this (the owner's clock) anyone may take the image over. */
export function claimStaleAt(window: CallWindow): number {
  return window.endsAt + CLAIM_CLOCK_SKEW_MS
}

/** How long a duplicate waits for the owner's result: never past its own work's end. */
export function waitUntil(window: CallWindow): number {
  return window.workEndsAt
}

/** The call's store budget: `ceilingMs`, or a quarter of the time left when that is less. */
export function storeBudgetMs(window: CallWindow, nowMs: number, ceilingMs: number): number {
  const remaining = Math.max(0, window.workEndsAt - nowMs)
  return Math.min(ceilingMs, Math.floor(remaining * STORE_SHARE_OF_REMAINING))
}
