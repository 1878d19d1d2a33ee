import type { RetryClock } from '../../src/clock/clock'

/** A clock whose sleeps pass at once but still advance time, so budget logic is tested without waiting. */
export function instantClock(
  random = () => 0.5,
): RetryClock & { sleeps: number[]; advance(ms: number): void } {
  let now = 1_000_000
  const clock = {
    sleeps: [] as number[],
    now: () => now,
    random,
    advance(ms: number) {
      now += ms
    },
    async sleep(ms: number) {
      clock.sleeps.push(ms)
      now += ms
    },
  }
  return clock
}

export type InstantClock = ReturnType<typeof instantClock>
