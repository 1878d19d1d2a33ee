// Entry point of a line-reader thread: one recognizer session, reading the lines the OCR thread
// hands it, one at a time, while the OCR thread reads others.
import { parentPort, workerData } from 'node:worker_threads'

import { readLine } from './line-reader'
import type { LineReaderData, LineReaderReply, LineReaderRequest } from './line-reader-protocol'
import { readRecognizerAssets } from './model-assets'
import { createSession } from './onnx-session'

const port = parentPort
if (!port) throw new Error('line-reader-worker must be started as a worker thread.')

const reply = (message: LineReaderReply) => port?.postMessage(message)
const messageOf = (error: unknown) =>
  error instanceof Error ? (error.stack ?? error.message) : String(error)

const settings = workerData as LineReaderData
const loading = readRecognizerAssets(settings.modelDir).then(async (assets) => ({
  session: await createSession(assets.recognitionModel, settings),
  characters: assets.characters,
}))
loading.then(
  () => reply({ type: 'ready' }),
  (error: unknown) => reply({ type: 'load-failed', message: messageOf(error) }),
)

let queue: Promise<void> = Promise.resolve()
port.on('message', (request: LineReaderRequest) => {
  queue = queue.then(() => handle(request))
})

async function handle(request: LineReaderRequest): Promise<void> {
  if (request.type === 'dispose') {
    const loaded = await loading.catch(() => undefined)
    await loaded?.session.release()
    reply({ type: 'disposed' })
    port?.close()
    return
  }
  try {
    const { session, characters } = await loading
    const reading = await readLine(session, request.image, request.quad, characters)
    reply({ type: 'read', id: request.id, reading })
  } catch (error) {
    reply({ type: 'failed', id: request.id, message: messageOf(error) })
  }
}
