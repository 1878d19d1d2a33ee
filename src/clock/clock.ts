// The one clock every stage reads: the retries and their budget, the call's deadlines, the cache's waits
// and the daily limits' day. It is injected in one place (the handler's options, the client's `clock`),
// so a test of any of them can run on virtual time and wait for nothing real.

export interface RetryClock {
  now(): number
  /** Resolves after `ms`: a backoff or a wait between polls, never cut short. */
  sleep(ms: number): Promise<void>
  random(): number
  /**
   * Resolves once `ms` of this clock's time have passed, unless `signal` aborts first (then never): how
   * the answer's and the store's deadlines wait (see `expireAfter`). Optional: a clock without it, like one whose sleeps
   * pass at once, leaves the deadline to real timers.
   */
  timeout?(ms: number, signal: AbortSignal): Promise<void>
}

export const SYSTEM_CLOCK: RetryClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
}
