import type * as ort from 'onnxruntime-node'

import type { OnnxSettings } from './onnx-session'
import { sessionOptions } from './onnx-session'
import { paddleOrt, toPaddleSession } from './ort-adapter'
import type { Stages } from './pipeline-stages'
import { paddle } from './paddle-runtime'

/**
 * The engine's first pipeline, kept only so `npm run bench` can measure the engine against it in the
 * same run: paddleocr's DetectionService, then its RecognitionService called once per box (so each
 * crop is padded only to 320 px), with the package's own CTC decode, which leaves the spaces
 * PP-OCRv4 drops dropped.
 */
export function paddleBaseline(
  sessions: { detection: ort.InferenceSession; recognition: ort.InferenceSession },
  settings: OnnxSettings & { maxSideLength: number },
  characters: string[],
): Stages {
  const { module: runtime } = paddleOrt(sessionOptions(settings))
  const detector = new paddle.DetectionService(runtime, toPaddleSession(sessions.detection), {
    maxSideLength: settings.maxSideLength,
    limitType: 'max',
    channelOrder: 'bgr',
  })
  const recognizer = new paddle.RecognitionService(runtime, toPaddleSession(sessions.recognition), {
    channelOrder: 'bgr',
    charactersDictionary: characters,
  })
  return {
    detect: (image) => detector.run(paddle.normalizeInputToRgb(image)),
    async readLines(pixels, boxes) {
      const image = paddle.normalizeInputToRgb(pixels)
      const lines: Array<{ text: string; confidence: number }> = []
      for (const box of boxes) {
        const [line] = await recognizer.run(image, [box], {
          ordering: { sortByReadingOrder: false },
        })
        lines.push({ text: line?.text ?? '', confidence: line?.confidence ?? 0 })
      }
      return lines
    },
  }
}
