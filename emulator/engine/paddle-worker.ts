// Entry point of the OCR worker thread: loads the models once, then answers requests one at a time.
import { parentPort, workerData } from 'node:worker_threads'

import { loadPaddlePipeline } from './paddle-pipeline'
import type { PaddlePipeline, PaddleSettings } from './paddle-pipeline'
import type { WorkerReply, WorkerRequest } from './worker-protocol'

const port = parentPort
if (!port)
  throw new Error('paddle-worker must be started as a worker thread by createPaddleEngine().')

function reply(message: WorkerReply): void {
  port?.postMessage(message)
}

function messageOf(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error)
}

// workerData is what pipeline-worker.ts passed in, from the same settings type.
const loading: Promise<PaddlePipeline> = loadPaddlePipeline(workerData as PaddleSettings)
loading.then(
  () => reply({ type: 'ready' }),
  (error: unknown) => reply({ type: 'load-failed', message: messageOf(error) }),
)

// One request at a time: concurrent inference would only split the same two cores.
let queue: Promise<void> = Promise.resolve()

port.on('message', (request: WorkerRequest) => {
  queue = queue.then(() => handle(request))
})

async function handle(request: WorkerRequest): Promise<void> {
  if (request.type === 'dispose') {
    const pipeline = await loading.catch(() => undefined)
    await pipeline?.release()
    reply({ type: 'disposed' })
    port?.close()
    return
  }
  try {
    const items = await (await loading).recognize(request.image)
    reply({ type: 'result', id: request.id, items })
  } catch (error) {
    reply({ type: 'failed', id: request.id, message: messageOf(error) })
  }
}
