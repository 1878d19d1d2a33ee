// Entry point of a line-reader thread: one recognizer session, reading the lines the OCR thread
// hands it while the OCR thread reads others.
import { workerData } from 'node:worker_threads'

import { readLine } from './line-reader'
import type { LineReaderData, LineReaderReply, LineReaderRequest } from './line-reader-protocol'
import { readRecognizerAssets } from './model-assets'
import { createSession } from './onnx-session'
import { serveThread } from './thread-server'

const settings = workerData as LineReaderData
const loading = readRecognizerAssets(settings).then(async (assets) => ({
  session: await createSession(assets.recognitionModel, settings),
  characters: assets.characters,
}))

serveThread(
  loading,
  async ({ session, characters }, request: LineReaderRequest): Promise<LineReaderReply> => {
    if (request.type !== 'read') throw new Error(`Unexpected request ${request.type}.`)
    const reading = await readLine(
      session,
      request.image,
      request.quad,
      characters,
      settings.pieceWidth,
    )
    return { type: 'read', id: request.id, reading }
  },
  ({ session }) => session.release(),
)
