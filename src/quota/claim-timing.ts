// How long a call may hold or wait for a claim on an image, and how long its store operations may take:
// the same rule for the function and the HTTPS client, all from the call's own time (its CallWindow),
// as Powertools' idempotency ties an in-progress record to the invocation's remaining time. A function
// on the platform's 3 s default holds a claim about 3 s, not the 25 s a 20 s function would.
import type { CallWindow } from './call-window'

/** Containers' clocks disagree a little: a claim is taken over only this long after its owner's end. */
export const CLAIM_CLOCK_SKEW_MS = 1000

/**
 * The store's share of the time a call has left, all its operations together: 4.5 s of a 20 s function
 * (or of the HTTPS client's 18 s budget), 625 ms on the platform's 3 s default. A hung store then costs
 * a call this once, and the rest of its time is still its own.
 */
export const STORE_SHARE_OF_REMAINING = 1 / 4

/** Written into the claim: after this (the owner's clock) anyone may take the image over. */
export function claimStaleAt(window: CallWindow): number {
  return window.endsAt + CLAIM_CLOCK_SKEW_MS
}

/** How long a duplicate waits for the owner's result: never past its own work's end. */
export function waitUntil(window: CallWindow): number {
  return window.workEndsAt
}

/** The call's store budget, from the time its work has left. */
export function storeBudgetMs(window: CallWindow, nowMs: number): number {
  return Math.floor(Math.max(0, window.workEndsAt - nowMs) * STORE_SHARE_OF_REMAINING)
}
