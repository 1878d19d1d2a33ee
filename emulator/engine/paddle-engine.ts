import { availableParallelism } from 'node:os'

import { decodeImage } from './decode-image'
import type { PaddleSettings } from './paddle-pipeline'
import { startPipelineWorker } from './pipeline-worker'
import type { PipelineWorker } from './pipeline-worker'
import type { EngineResult, OcrEngine } from './types'

export type PaddleEngineOptions = Partial<PaddleSettings>

const DEFAULTS: PaddleSettings = {
  // 960 px (PaddleOCR's own det_limit_side_len) still finds every line of the A4 page's 22 px text
  // (12 px once scaled), at about half the detector's cost at 1280.
  maxSideLength: 960,
  minConfidence: 0.5,
  // One intra-op thread per session, and a recognizer session per core reading lines (two at
  // most). On two cores two intra-op threads did worse under load (every operator waits for the
  // slower thread); two sessions on separate lines read the A4 page in 0.57x the time of one at
  // load 4.6-7.5 (4.4-4.8 s against 7.7-8.4 s) for 6% more CPU. Only on a saturated machine (load
  // 10-15) does one session do better; `npm run bench` measures both each run.
  intraOpNumThreads: 1,
  // The detector runs alone, before any line can be read: on both cores it takes 0.65x the time of one
  // (960x544: 168 against 259 ms on a quiet machine).
  detectorThreads: Math.min(2, availableParallelism()),
  lineReaders: Math.min(2, availableParallelism()),
  lineReader: 'parallel',
  // Each line has its own width, so the arena keeps growing new blocks it never gives back: without it
  // peak RSS over a scene and an A4 page fell from 677 to 611 MB, and CPU time did not rise.
  memoryArena: false,
  foldModels: true,
  pieceWidth: 800,
}

/**
 * The offline engine of the local cloud: PaddleOCR's PP-OCRv4 detector and recognizer on
 * onnxruntime-node, in a worker thread of their own. Nothing loads at import or creation; the first
 * recognize() starts the thread and loads the models, and concurrent first calls share that load.
 */
export function createPaddleEngine(options: PaddleEngineOptions = {}): OcrEngine {
  const settings: PaddleSettings = { ...DEFAULTS, ...options }
  let starting: Promise<PipelineWorker> | undefined
  let disposed = false

  function worker(): Promise<PipelineWorker> {
    if (disposed) return Promise.reject(new Error('The OCR engine has been disposed.'))
    if (starting) return starting
    const started = startPipelineWorker(settings, () => {
      // A thread that died (or failed to load) is forgotten; the next call starts a fresh one.
      if (starting === started) starting = undefined
    })
    starting = started
    return started
  }

  return {
    name: 'paddleocr PP-OCRv4 (onnxruntime-node)',

    async recognize(bytes: Buffer): Promise<EngineResult> {
      // Decoded here, not in the thread: a bad upload is answered without starting the models, and
      // the error is this realm's ImageDecodeError.
      const image = await decodeImage(bytes)
      const items = await (await worker()).recognize(image)
      return { items, img_size: { w: image.width, h: image.height } }
    },

    async dispose(): Promise<void> {
      disposed = true
      const pending = starting
      starting = undefined
      const running = await pending?.catch(() => undefined)
      await running?.close()
    },
  }
}
