import { Worker } from 'node:worker_threads'

import type { DecodedImage } from './decode-image'
import { threadEntry } from './thread-entry'
import type { PaddleSettings } from './paddle-pipeline'
import type { WireItem } from './types'
import type { WorkerReply, WorkerRequest } from './worker-protocol'

export interface PipelineWorker {
  recognize(image: DecodedImage): Promise<WireItem[]>
  /** Releases the ONNX sessions and ends the thread. */
  close(): Promise<void>
}

/**
 * Starts the OCR thread and resolves once its models are loaded. The models run in their own thread
 * for two reasons: onnxruntime-node runs inference synchronously on the calling thread (an A4 page
 * would block the emulator's event loop for seconds), and its native binding must not be initialised
 * inside a jest sandbox, where its typed arrays come from the wrong realm and a second test file in
 * the same process aborts the process.
 */
export function startPipelineWorker(
  settings: PaddleSettings,
  onExit: () => void,
): Promise<PipelineWorker> {
  const { file, execArgv } = threadEntry('paddle-worker')
  const worker = new Worker(file, { workerData: settings, execArgv })
  const pending = new Map<
    number,
    { resolve: (items: WireItem[]) => void; reject: (error: Error) => void }
  >()
  let nextId = 1
  let settled = false
  let closing: { resolve: () => void } | undefined
  let settleReady: { resolve: () => void; reject: (error: Error) => void } | undefined

  // Idle, the thread must not keep the process alive; busy, or still loading line readers, it must
  // (onnxruntime aborts the process if the thread is torn down while it creates a session).
  const updateRef = () => (pending.size > 0 || closing || !settled ? worker.ref() : worker.unref())
  updateRef()

  function failAll(error: Error): void {
    settleReady?.reject(error)
    for (const request of pending.values()) request.reject(error)
    pending.clear()
  }

  worker.on('message', (message: WorkerReply) => {
    switch (message.type) {
      case 'ready':
        settleReady?.resolve()
        return
      case 'load-failed':
        settleReady?.reject(new Error(`The OCR models could not be loaded: ${message.message}`))
        void worker.terminate()
        return
      case 'result':
      case 'failed': {
        const request = pending.get(message.id)
        pending.delete(message.id)
        if (message.type === 'result') request?.resolve(message.items)
        else request?.reject(new Error(`OCR failed in the engine thread: ${message.message}`))
        updateRef()
        return
      }
      case 'disposed':
        closing?.resolve()
        return
      case 'settled':
        settled = true
        updateRef()
        return
    }
  })
  worker.on('error', (error) => failAll(error))
  worker.on('exit', (code) => {
    failAll(new Error(`The OCR engine thread exited (code ${code}).`))
    closing?.resolve()
    onExit()
  })

  const client: PipelineWorker = {
    recognize(image) {
      const id = nextId++
      return new Promise<WireItem[]>((resolve, reject) => {
        pending.set(id, { resolve, reject })
        updateRef()
        const request: WorkerRequest = { type: 'recognize', id, image }
        worker.postMessage(request)
      })
    },
    close() {
      return new Promise<void>((resolve) => {
        closing = { resolve }
        updateRef()
        const request: WorkerRequest = { type: 'dispose' }
        worker.postMessage(request)
      })
    },
  }
  return new Promise<PipelineWorker>((resolve, reject) => {
    settleReady = { resolve: () => resolve(client), reject }
  })
}
