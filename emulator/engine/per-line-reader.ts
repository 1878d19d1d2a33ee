import type * as ort from 'onnxruntime-node'

import type { RgbPixels } from './line-tensor'
import { toPaddleSession } from './ort-adapter'
import { paddle } from './paddle-runtime'
import type { Box, OrtInferenceSession, OrtModule } from './paddle-runtime'

/**
 * The engine's first pipeline, kept only so `npm run bench` can measure the engine against it in the
 * same run: paddleocr's DetectionService, then its RecognitionService called once per box (so each
 * crop is padded only to 320 px), with the package's own CTC decode, which leaves the spaces
 * PP-OCRv4 drops dropped.
 */
export function paddleDetector(
  runtime: OrtModule,
  session: ort.InferenceSession,
  maxSideLength: number,
): (image: RgbPixels) => Promise<Box[]> {
  const detector = new paddle.DetectionService(runtime, toPaddleSession(session), {
    maxSideLength,
    limitType: 'max',
    channelOrder: 'bgr',
  })
  return (image) => detector.run(paddle.normalizeInputToRgb(image))
}

export function perLineReader(
  runtime: OrtModule,
  session: OrtInferenceSession,
  characters: string[],
): (
  image: RgbPixels,
  boxes: readonly Box[],
) => Promise<Array<{ text: string; confidence: number }>> {
  const recognizer = new paddle.RecognitionService(runtime, session, {
    channelOrder: 'bgr',
    charactersDictionary: characters,
  })
  return async (pixels, boxes) => {
    const image = paddle.normalizeInputToRgb(pixels)
    const lines: Array<{ text: string; confidence: number }> = []
    for (const box of boxes) {
      const [line] = await recognizer.run(image, [box], { ordering: { sortByReadingOrder: false } })
      lines.push({ text: line?.text ?? '', confidence: line?.confidence ?? 0 })
    }
    return lines
  }
}
