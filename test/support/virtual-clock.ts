// Virtual time for tests of deadlines: every sleep is a timer on a virtual timeline, and the timers fire
// in the order they are due, each after the work already runnable has run (one per event-loop turn).
// A 20 s deadline racing a 1.5 s platform is decided by their order, never by waiting 1.5 s.
import type { RetryClock } from '../../src/clock/clock'

interface Timer {
  at: number
  order: number
  fire: () => void
}

export function virtualClock(start = 1_000_000): RetryClock {
  let now = start
  let made = 0
  let turning = false
  const timers: Timer[] = []

  function turn(): void {
    turning = false
    timers.sort((a, b) => a.at - b.at || a.order - b.order)
    const next = timers.shift()
    if (next === undefined) return
    now = Math.max(now, next.at)
    next.fire()
    schedule()
  }
  function schedule(): void {
    if (turning || timers.length === 0) return
    turning = true
    setImmediate(turn)
  }

  /** A timer due in `ms`; an abort takes it off the timeline, so a deadline called off never passes. */
  function wait(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const timer: Timer = { at: now + ms, order: made++, fire: () => resolve() }
      signal?.addEventListener('abort', () => {
        const waiting = timers.indexOf(timer)
        if (waiting >= 0) timers.splice(waiting, 1)
      })
      timers.push(timer)
      schedule()
    })
  }

  return {
    now: () => now,
    random: () => 0.5,
    sleep: (ms) => wait(ms),
    timeout: (ms, signal) => wait(ms, signal),
  }
}
