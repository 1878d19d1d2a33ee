// The time one call has, as the guard needs it (RetryClock time): when its own work must end, and when
// the invocation surely no longer runs. The function reads both from `context.time_limit_in_ms` (the
// retries end a margin before the limit); the HTTPS client from its retry budget. The claim on an image,
// the wait for another call's result and the store's deadline all derive from it (quota/claim-timing.ts).

export interface CallWindow {
  /** When this call's waits and retries must be over. */
  workEndsAt: number
  /** When this call is over for certain: a claim it left is dead after this (plus clock skew). */
  endsAt: number
}
