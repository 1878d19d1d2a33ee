import type * as ort from 'onnxruntime-node'
import { Tensor } from 'onnxruntime-node'

import { dbBoxes } from './db-boxes'
import { detectorFrame, detectorTensor } from './detector-input'
import type { RgbPixels } from './line-tensor'
import type { Box } from './paddle-runtime'

/**
 * PP-OCRv4's text detector: PaddleOCR's DetResizeForTest, the DB model, DBPostProcess. The line
 * boxes come back in image coordinates, corners clockwise from the top-left.
 */
export function textDetector(
  session: ort.InferenceSession,
  maxSideLength: number,
): (image: RgbPixels) => Promise<Box[]> {
  return async (image) => {
    const frame = detectorFrame(image, maxSideLength)
    const input = new Tensor('float32', detectorTensor(image, frame), [
      1,
      3,
      frame.height,
      frame.width,
    ])
    const outputs = await session.run({ [session.inputNames[0] ?? 'x']: input })
    const map = outputs[session.outputNames[0] ?? '']
    if (!map || !(map.data instanceof Float32Array) || map.data.length < frame.width * frame.height)
      throw new Error('The detector did not answer a [1, 1, height, width] probability map.')
    return dbBoxes(map.data, frame)
  }
}
