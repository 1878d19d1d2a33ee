// Flow control for the HTTPS client: at most `limit` recognitions talk to the platform at once, the rest
// wait in order. Under a burst the backend then sees a steady few requests instead of all of them, so
// attempts stop timing out (and being retried, and charged) just because everyone arrived together.
// When attempts time out anyway, the backend is slower than `limit` in flight allows: the window halves
// (an abandoned request still keeps the backend busy, so sending the next one at once would only deepen
// its queue) and grows back by one per window of successes, as TCP's congestion control does. A caller's
// AbortSignal takes it out of the queue. p-limit and p-queue are ESM-only and cannot resize or drop a
// queued task on abort, hence these few lines.

export type Release = () => void

interface Waiter {
  grant: (release: Release) => void
}

export class RequestSlots {
  private active = 0
  private window: number
  private successesInWindow = 0
  private readonly waiting: Waiter[] = []

  constructor(private readonly limit: number) {
    this.window = limit
  }

  /** Requests allowed in flight now: `limit`, or less after timeouts. */
  get current(): number {
    return this.window
  }

  /** Resolves with a release function once a slot is free, or 'aborted' if the signal fires first. */
  acquire(signal?: AbortSignal): Promise<Release | 'aborted'> {
    if (signal?.aborted === true) return Promise.resolve('aborted')
    if (this.active < this.window && this.waiting.length === 0) {
      this.active++
      return Promise.resolve(this.releaser())
    }
    return new Promise((resolve) => {
      const onAbort = (): void => {
        const index = this.waiting.indexOf(waiter)
        if (index !== -1) this.waiting.splice(index, 1)
        resolve('aborted')
      }
      const waiter: Waiter = {
        grant: (release) => {
          signal?.removeEventListener('abort', onAbort)
          resolve(release)
        },
      }
      signal?.addEventListener('abort', onAbort, { once: true })
      this.waiting.push(waiter)
    })
  }

  /** An attempt timed out: halve the window. */
  timedOut(): void {
    this.window = Math.max(1, Math.floor(this.window / 2))
    this.successesInWindow = 0
  }

  /** An attempt succeeded: after a window's worth of successes, allow one more in flight. */
  succeeded(): void {
    if (this.window >= this.limit) return
    this.successesInWindow++
    if (this.successesInWindow >= this.window) {
      this.window++
      this.successesInWindow = 0
      this.pump()
    }
  }

  private pump(): void {
    while (this.active < this.window && this.waiting.length > 0) {
      this.active++
      this.waiting.shift()?.grant(this.releaser())
    }
  }

  /** A release that works once: the slot is freed, and passed on if the window allows. */
  private releaser(): Release {
    let released = false
    return () => {
      if (released) return
      released = true
      this.active--
      this.pump()
    }
  }
}
