// The one timer behind a deadline that may be cut short: the clock's own when it has one (a test's clock
// then decides when the deadline passes, and no test waits real time), else a real timer. Either way
// the timer is cleared as soon as the work it guards is over, so no finished call leaves one behind.
import type { RetryClock } from './clock'

/** Resolves after `ms` on `clock`, or never once `signal` aborts (the timer is then cleared). */
export function expireAfter(clock: RetryClock, ms: number, signal: AbortSignal): Promise<void> {
  if (clock.timeout !== undefined) return clock.timeout(ms, signal)
  return new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms)
    signal.addEventListener('abort', () => clearTimeout(timer), { once: true })
  })
}
