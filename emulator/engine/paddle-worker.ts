// Entry point of the OCR worker thread: loads the models once, then answers requests one at a time.
import { workerData } from 'node:worker_threads'

import { loadPaddlePipeline } from './paddle-pipeline'
import type { PaddleSettings } from './paddle-pipeline'
import { serveThread } from './thread-server'
import type { WorkerReply, WorkerRequest } from './worker-protocol'

// workerData is what pipeline-worker.ts passed in, from the same settings type.
serveThread(
  loadPaddlePipeline(workerData as PaddleSettings),
  async (pipeline, request: WorkerRequest): Promise<WorkerReply> => {
    if (request.type !== 'recognize') throw new Error(`Unexpected request ${request.type}.`)
    return { type: 'result', id: request.id, items: await pipeline.recognize(request.image) }
  },
  (pipeline) => pipeline.release(),
  (pipeline) => pipeline.readersLoaded,
)
