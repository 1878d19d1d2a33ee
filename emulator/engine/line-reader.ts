import * as ort from 'onnxruntime-node'

import { decodeCtcRow } from './ctc-decode'
import type { CtcChar } from './ctc-decode'
import { measureLineInk } from './line-ink'
import type { LineInk } from './line-ink'
import { LINE_HEIGHT, LINE_MIN_WIDTH, lineAspect, sampleLine } from './line-tensor'
import type { LineQuad, RgbPixels } from './line-tensor'

export interface LineReading {
  chars: CtcChar[]
  /** Where the ink is on the line as sampled, `width` columns wide. */
  ink: LineInk
  width: number
  /** Pixels of the sampled line per CTC time step. */
  stepWidth: number
  /** Mean probability of the characters read, PaddleOCR's line score. */
  confidence: number
}

/**
 * Reads one line, alone in its session call: batches of lines padded to the widest cost 1.5-2x the
 * CPU of single calls on this project's 2-core machines (A4: 16 s against 9-11 s). The line is
 * sampled to its own width (at least PaddleOCR's 320 px, which it pads to with 0 as PaddleOCR does).
 */
export async function readLine(
  session: ort.InferenceSession,
  image: RgbPixels,
  quad: LineQuad,
  dictionary: readonly string[],
): Promise<LineReading> {
  const width = Math.ceil(LINE_HEIGHT * lineAspect(quad))
  const tensorWidth = Math.max(width, LINE_MIN_WIDTH)
  const { tensor, grey } = sampleLine(image, quad, width, tensorWidth)
  const input = new ort.Tensor('float32', tensor, [1, 3, LINE_HEIGHT, tensorWidth])
  const outputs = await session.run({ [session.inputNames[0] ?? 'x']: input })
  const output = outputs[session.outputNames[0] ?? '']
  if (!output || !(output.data instanceof Float32Array) || output.dims.length !== 3) {
    throw new Error('The recognizer did not answer a [batch, steps, classes] tensor.')
  }
  const [, steps = 0, classes = 0] = output.dims
  const chars = decodeCtcRow(output.data, 0, steps, classes, dictionary)
  const confidence =
    chars.length === 0 ? 0 : chars.reduce((sum, c) => sum + c.score, 0) / chars.length
  const ink = measureLineInk(grey, width)
  return { chars, ink, width, stepWidth: tensorWidth / steps, confidence }
}
