// Flow control for the HTTPS client: at most `limit` recognitions talk to the platform at once, the rest
// wait in order. Under a burst the backend then sees a steady few requests instead of all of them, so
// attempts stop timing out (and being retried, and charged) just because everyone arrived together. A
// caller's AbortSignal takes it out of the queue. p-limit and p-queue are ESM-only and p-limit cannot
// drop a queued task on abort, hence these few lines.

export type Release = () => void

interface Waiter {
  grant: (release: Release) => void
}

export class RequestSlots {
  private active = 0
  private readonly waiting: Waiter[] = []

  constructor(private readonly limit: number) {}

  /** Calls waiting for a slot, for tests and log lines. */
  get queued(): number {
    return this.waiting.length
  }

  /** Resolves with a release function once a slot is free, or 'aborted' if the signal fires first. */
  acquire(signal?: AbortSignal): Promise<Release | 'aborted'> {
    if (signal?.aborted === true) return Promise.resolve('aborted')
    if (this.active < this.limit) {
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

  /** A release that works once: the slot passes to the next waiter, or is freed. */
  private releaser(): Release {
    let released = false
    return () => {
      if (released) return
      released = true
      const next = this.waiting.shift()
      if (next === undefined) this.active--
      else next.grant(this.releaser())
    }
  }
}
