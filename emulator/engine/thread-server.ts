import { parentPort } from 'node:worker_threads'

/** What every engine thread answers besides its own results. */
export type ThreadStatus =
  | { type: 'ready' }
  | { type: 'load-failed'; message: string }
  | { type: 'failed'; id: number; message: string }
  | { type: 'disposed' }
  /**
   * What the thread started in the background (line-reader threads loading their models) has loaded
   * or failed. Until then the process must not exit: onnxruntime aborts the whole process when a
   * thread is torn down while it creates a session.
   */
  | { type: 'settled' }

export function messageOf(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error)
}

/**
 * The body of an engine thread: says 'ready' once `loading` is done (or why it failed), then answers
 * requests one at a time (concurrent inference would only split the same cores), and on 'dispose'
 * releases what it loaded and closes its port, so the thread can end. Once `settled` is done too
 * (background loads after 'ready'), it says 'settled'.
 */
export function serveThread<Loaded, Request extends { type: string; id?: number }, Reply>(
  loading: Promise<Loaded>,
  answer: (loaded: Loaded, request: Request) => Promise<Reply>,
  release: (loaded: Loaded) => Promise<void>,
  settled: (loaded: Loaded) => Promise<void> = () => Promise.resolve(),
): void {
  const port = parentPort
  if (!port) throw new Error('An engine thread must be started as a worker thread.')
  const reply = (message: Reply | ThreadStatus) => port.postMessage(message)
  loading.then(
    async (loaded) => {
      reply({ type: 'ready' })
      await settled(loaded)
      reply({ type: 'settled' })
    },
    (error: unknown) => reply({ type: 'load-failed', message: messageOf(error) }),
  )
  const handle = async (request: Request): Promise<void> => {
    if (request.type === 'dispose') {
      const loaded = await loading.catch(() => undefined)
      if (loaded !== undefined) await release(loaded)
      reply({ type: 'disposed' })
      port.close()
      return
    }
    try {
      reply(await answer(await loading, request))
    } catch (error) {
      reply({ type: 'failed', id: request.id ?? 0, message: messageOf(error) })
    }
  }
  let queue: Promise<void> = Promise.resolve()
  port.on('message', (request: Request) => {
    queue = queue.then(() => handle(request))
  })
}
