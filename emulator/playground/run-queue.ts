// Playground runs each start a node process (the unchanged function) and may load the OCR engine: a few at
// a time, a short line behind them, and a clear "busy" beyond it, so a burst of clicks (or of requests from
// a script) cannot fork the machine to its knees.

/** Runs at once; the machine this was built on has two cores and the engine is one worker. */
export const RUN_CONCURRENCY = 2
/** Runs waiting for a turn; one more is refused with 429. */
export const RUN_QUEUE_LENGTH = 4

export class RunQueue {
  private running = 0
  private readonly waiting: (() => void)[] = []

  constructor(
    readonly concurrency = RUN_CONCURRENCY,
    readonly queueLength = RUN_QUEUE_LENGTH,
  ) {}

  /** Runs `task` in its turn; undefined (nothing started) when every slot and the line are full. */
  offer<T>(task: () => Promise<T>): Promise<T> | undefined {
    if (this.running >= this.concurrency && this.waiting.length >= this.queueLength)
      return undefined
    return this.turn().then(async () => {
      try {
        return await task()
      } finally {
        this.running -= 1
        this.waiting.shift()?.()
      }
    })
  }

  private turn(): Promise<void> {
    if (this.running < this.concurrency) {
      this.running += 1
      return Promise.resolve()
    }
    return new Promise((resolve) =>
      this.waiting.push(() => {
        this.running += 1
        resolve()
      }),
    )
  }
}
