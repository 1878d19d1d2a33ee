// A process that asks the engine once and then ends without disposing it, as `npm run ocr` or a
// script does: run by test/engine/lifecycle.test.ts. Prints a line with what it was answered and
// whether the engine's line readers were still loading then (the engine thread says 'settled' once they
// have all loaded; only such a run puts the engine's exit to the test), and, as it exits, a line saying
// whether the readers had settled by then.
import { writeSync } from 'node:fs'
import workerThreads, { type Worker } from 'node:worker_threads'

import { createPaddleEngine } from '../../emulator/engine'
import { pngImage } from './images/formats'

/** The engine's own thread, watched for its 'settled' message without changing it. */
function watchEngineThread(): { settled: () => boolean } {
  let settled = false
  const RealWorker = workerThreads.Worker
  workerThreads.Worker = function (...args: ConstructorParameters<typeof Worker>): Worker {
    const thread = new RealWorker(...args)
    thread.on('message', (message: { type?: unknown }) => {
      if (message.type === 'settled') settled = true
    })
    return thread
  } as unknown as typeof Worker
  return { settled: () => settled }
}

async function main(): Promise<void> {
  const engineThread = watchEngineThread()
  const reply = await createPaddleEngine().recognize(await pngImage(64, 64))
  const readersLoading = !engineThread.settled()
  process.stdout.write(`${JSON.stringify({ reply, readersLoading })}\n`)
  // Synchronous: an exit handler cannot wait for a pipe to drain.
  process.on('exit', () =>
    writeSync(1, `${JSON.stringify({ settledAtExit: engineThread.settled() })}\n`),
  )
}

void main()
