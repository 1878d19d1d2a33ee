import * as ort from 'onnxruntime-node'

import { decodeCtcRow } from './ctc-decode'
import type { CtcChar } from './ctc-decode'
import { measureLineInk } from './line-ink'
import type { LineInk } from './line-ink'
import { LINE_HEIGHT, LINE_MIN_WIDTH, lineAspect, lineQuad, sampleLine } from './line-tensor'
import type { LineQuad } from './line-tensor'
import type { Box, Image } from './paddle-runtime'

export interface LineReading {
  chars: CtcChar[]
  /** Where the ink is on the line as sampled, `width` columns wide. */
  ink: LineInk
  width: number
  /** The detector's box in reading order, as sampled. */
  quad: LineQuad
  /** Pixels of the sampled line per CTC time step. */
  stepWidth: number
  /** Mean probability of the characters read, PaddleOCR's line score. */
  confidence: number
}

/**
 * PaddleOCR's batched recognition: lines sorted by aspect ratio, each batch padded to its widest
 * line, so a batch holds lines of similar width and the padding stays small. Readings come back in
 * the order of `boxes`.
 */
export async function recognizeLines(
  session: ort.InferenceSession,
  image: Image,
  boxes: readonly Box[],
  dictionary: readonly string[],
  batchSize: number,
): Promise<LineReading[]> {
  const lines = boxes.map((box) => {
    const quad = lineQuad(box)
    return { quad, aspect: lineAspect(quad) }
  })
  const order = lines
    .map((_, i) => i)
    .sort((a, b) => (lines[a]?.aspect ?? 0) - (lines[b]?.aspect ?? 0))
  const readings: LineReading[] = new Array<LineReading>(boxes.length)
  for (let first = 0; first < order.length; first += batchSize) {
    const batch = order.slice(first, first + batchSize)
    const widest = Math.max(
      ...batch.map((i) => lines[i]?.aspect ?? 1),
      LINE_MIN_WIDTH / LINE_HEIGHT,
    )
    const batchWidth = Math.ceil(LINE_HEIGHT * widest)
    const tensor = new Float32Array(batch.length * 3 * LINE_HEIGHT * batchWidth)
    const sampled = batch.map((index, slot) => {
      const line = lines[index]
      if (!line) throw new Error(`No line ${index}.`)
      const width = Math.min(batchWidth, Math.ceil(LINE_HEIGHT * line.aspect))
      return { width, grey: sampleLine(image, line.quad, width, tensor, slot, batchWidth) }
    })
    const input = new ort.Tensor('float32', tensor, [batch.length, 3, LINE_HEIGHT, batchWidth])
    const outputs = await session.run({ [session.inputNames[0] ?? 'x']: input })
    const output = outputs[session.outputNames[0] ?? '']
    if (!output || !(output.data instanceof Float32Array) || output.dims.length !== 3) {
      throw new Error('The recognizer did not answer a [batch, steps, classes] tensor.')
    }
    const [, steps = 0, classes = 0] = output.dims
    batch.forEach((index, slot) => {
      const chars = decodeCtcRow(output.data as Float32Array, slot, steps, classes, dictionary)
      const { width, grey } = sampled[slot] ?? { width: 1, grey: new Uint8Array(LINE_HEIGHT) }
      const confidence =
        chars.length === 0 ? 0 : chars.reduce((sum, c) => sum + c.score, 0) / chars.length
      const quad =
        lines[index]?.quad ?? lineQuad(boxes[index] ?? { x: 0, y: 0, width: 1, height: 1 })
      const ink = measureLineInk(grey, width)
      readings[index] = { chars, ink, width, quad, stepWidth: batchWidth / steps, confidence }
    })
  }
  return readings
}
