import { Worker } from 'node:worker_threads'

import type { LineReading } from './line-reader'
import type { LineReaderData, LineReaderReply, LineReaderRequest } from './line-reader-protocol'
import type { LineQuad, RgbPixels } from './line-tensor'
import { threadEntry } from './thread-entry'

/** A line-reader thread as the OCR thread sees it. */
export interface ReaderThread {
  read(image: RgbPixels, quad: LineQuad): Promise<LineReading>
  /** False once the thread has exited: its lines go to the other readers. */
  readonly alive: boolean
  close(): Promise<void>
}

/** Starts a line-reader thread and resolves once its recognizer is loaded. */
export function startReaderThread(data: LineReaderData): Promise<ReaderThread> {
  const { file, execArgv } = threadEntry('line-reader-worker')
  const worker = new Worker(file, { workerData: data, execArgv })
  const pending = new Map<
    number,
    { resolve: (r: LineReading) => void; reject: (e: Error) => void }
  >()
  let nextId = 1
  let alive = true
  let closed: (() => void) | undefined
  let ready: { resolve: () => void; reject: (error: Error) => void } | undefined

  const failAll = (error: Error) => {
    ready?.reject(error)
    for (const request of pending.values()) request.reject(error)
    pending.clear()
  }
  worker.on('message', (message: LineReaderReply) => {
    if (message.type === 'ready') ready?.resolve()
    else if (message.type === 'load-failed') {
      ready?.reject(new Error(`The line reader could not load: ${message.message}`))
      void worker.terminate()
    } else if (message.type === 'disposed') closed?.()
    else if (message.type === 'settled')
      return // a reader starts nothing in the background
    else {
      const request = pending.get(message.id)
      pending.delete(message.id)
      if (message.type === 'read') request?.resolve(message.reading)
      else request?.reject(new Error(`A line reader failed: ${message.message}`))
    }
  })
  worker.on('error', failAll)
  worker.on('exit', (code) => {
    alive = false
    failAll(new Error(`A line-reader thread exited (code ${code}).`))
    closed?.()
  })

  const post = (request: LineReaderRequest) => worker.postMessage(request)
  const thread: ReaderThread = {
    get alive() {
      return alive
    },
    read(image, quad) {
      const id = nextId++
      return new Promise<LineReading>((resolve, reject) => {
        pending.set(id, { resolve, reject })
        post({ type: 'read', id, image, quad })
      })
    },
    close() {
      if (!alive) return Promise.resolve()
      return new Promise<void>((resolve) => {
        closed = resolve
        post({ type: 'dispose' })
      })
    },
  }
  return new Promise<ReaderThread>((resolve, reject) => {
    ready = { resolve: () => resolve(thread), reject }
  })
}
