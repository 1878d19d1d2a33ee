import type { DecodedImage } from './decode-image'
import { inkQuad } from './line-ink'
import { readLine } from './line-reader'
import { readLinesInParallel } from './line-reader-pool'
import { imageOrder, lineQuad } from './line-tensor'
import type { LineQuad, RgbPixels } from './line-tensor'
import { readPaddleModelAssets } from './model-assets'
import type { ModelSource } from './model-assets'
import { createSession } from './onnx-session'
import type { OnnxSettings } from './onnx-session'
import { startReaderThread } from './reader-thread'
import { restoreSpaces } from './restore-spaces'
import { textDetector } from './text-detector'
import type { Box } from './paddle-runtime'
import type { Stages } from './pipeline-stages'
import type { WireItem } from './types'
import { boxToWireItem } from './wire-item'

export interface PaddleSettings extends OnnxSettings, ModelSource {
  /** Long side of the image the detector sees; boxes come back in original coordinates. */
  maxSideLength: number
  /**
   * Intra-op threads of the detector's session. It runs alone, before any line can be read, so a
   * second thread takes the core that would otherwise wait.
   */
  detectorThreads: number
  /** Lines the recognizer is less sure of are dropped, as PaddleOCR's drop_score does. */
  minConfidence: number
  /**
   * Recognizer sessions reading a page's lines at once: the OCR thread's own, plus one thread each
   * for the rest. They load while the OCR thread loads its models, and join the reading once ready.
   */
  lineReaders: number
  /** Lines wider than this (sampled 48 px high) are read in pieces cut at blanks; 0 reads them whole. */
  pieceWidth: number
  /**
   * 'parallel' reads lines on `lineReaders` sessions and restores dropped spaces. 'per-line' is the
   * engine before that (paddleocr's own services), kept for the benchmark's same-run baseline only.
   */
  lineReader: 'parallel' | 'per-line'
}

export interface PaddlePipeline {
  recognize(image: DecodedImage): Promise<WireItem[]>
  release(): Promise<void>
  /** Settles once every line-reader thread has loaded its model or failed to. */
  readersLoaded: Promise<void>
}

/** PP-OCRv4 detection then recognition, in whatever thread calls it (the engine's worker). */
export async function loadPaddlePipeline(settings: PaddleSettings): Promise<PaddlePipeline> {
  const helpers = settings.lineReader === 'parallel' ? Math.max(0, settings.lineReaders - 1) : 0
  const readers = Array.from({ length: helpers }, () => {
    const reader = startReaderThread({
      modelDir: settings.modelDir,
      foldModels: settings.foldModels,
      pieceWidth: settings.pieceWidth,
      intraOpNumThreads: settings.intraOpNumThreads,
      memoryArena: settings.memoryArena,
    })
    // Its failure is handled where it is used (its lines go to the other readers), not thrown here.
    reader.catch(() => undefined)
    return reader
  })
  const loading = readPaddleModelAssets(settings).then(async (assets) => ({
    assets,
    detection: await createSession(assets.detectionModel, {
      ...settings,
      intraOpNumThreads: settings.detectorThreads,
    }),
    recognition: await createSession(assets.recognitionModel, settings),
  }))
  // Readers still loading do not hold up the first call; one that fails to load reads nothing.
  const closeReaders = async () => {
    const started = await Promise.allSettled(readers)
    await Promise.all(started.map((s) => (s.status === 'fulfilled' ? s.value.close() : undefined)))
  }
  const { assets, detection, recognition } = await loading.catch(async (error: unknown) => {
    // A reader that did load must not outlive the pipeline that failed.
    await closeReaders()
    throw error
  })
  const { detect, readLines }: Stages =
    settings.lineReader === 'per-line'
      ? // paddleocr is loaded only for the benchmark's baseline: the engine's thread starts faster.
        baselineModule().paddleBaseline({ detection, recognition }, settings, assets.characters)
      : {
          detect: textDetector(detection, settings.maxSideLength),
          readLines: async (image, boxes) => {
            const quads = boxes.map(lineQuad)
            const local = (pixels: RgbPixels, quad: LineQuad) =>
              readLine(recognition, pixels, quad, assets.characters, settings.pieceWidth)
            const readings = await readLinesInParallel(image, quads, local, readers)
            return readings.map((reading, i) => ({
              text: restoreSpaces(reading),
              confidence: reading.confidence,
              corners: imageOrder(
                inkQuad(quads[i] as LineQuad, reading.ink, reading.width),
                boxes[i] as Box,
              ),
            }))
          },
        }

  return {
    readersLoaded: Promise.allSettled(readers).then(() => undefined),
    async recognize(decoded) {
      const boxes = (await detect(decoded)).filter((box) => box.width > 0 && box.height > 0)
      const lines = await readLines(decoded, boxes)
      const items: WireItem[] = []
      boxes.forEach((box, i) => {
        const line = lines[i]
        const text = line?.text.trim() ?? ''
        if (!line || line.confidence < settings.minConfidence || text === '') return
        const answered = line.corners ? { ...box, points: line.corners } : box
        items.push(boxToWireItem(text, answered, decoded.width, decoded.height))
      })
      return items
    },
    async release() {
      await Promise.all([detection.release(), recognition.release(), closeReaders()])
    },
  }
}

function baselineModule(): typeof import('./per-line-reader') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('./per-line-reader') as typeof import('./per-line-reader')
}
