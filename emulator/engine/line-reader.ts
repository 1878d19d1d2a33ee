import * as ort from 'onnxruntime-node'

import { decodeCtcRow } from './ctc-decode'
import type { CtcChar } from './ctc-decode'
import { measureLineInk } from './line-ink'
import type { LineInk } from './line-ink'
import { linePieces, STEP_COLUMNS } from './line-pieces'
import { LINE_HEIGHT, LINE_MIN_WIDTH, sampleLine } from './line-tensor'
import type { LineQuad, RgbPixels } from './line-tensor'

/** Columns of context read either side of a piece: a CJK glyph, or two Latin letters. */
const PIECE_CONTEXT = 6 * STEP_COLUMNS

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
 * Reads one line, alone in its session call: PaddleOCR's batches of six, padded to the widest,
 * cost 1.35x the CPU of single calls on this project's 2-core machines (bench/engine-batching.ts).
 * The line is sampled to its own width (at least PaddleOCR's 320 px, which it pads to with 0 as
 * PaddleOCR does). A line wider than `pieceWidth` is read in pieces cut where it has no ink
 * (line-pieces.ts).
 */
export async function readLine(
  session: ort.InferenceSession,
  image: RgbPixels,
  quad: LineQuad,
  dictionary: readonly string[],
  pieceWidth: number,
): Promise<LineReading> {
  const { tensor, grey, width, tensorWidth } = sampleLine(image, quad)
  const ink = measureLineInk(grey, width)
  const pieces = linePieces(ink.blankColumn, pieceWidth)
  if (pieces.length === 1) {
    const { chars, steps } = await recognize(session, tensor, tensorWidth, dictionary)
    return reading(chars, ink, width, tensorWidth / steps)
  }
  const chars: CtcChar[] = []
  for (const piece of pieces) {
    // Read with some of its neighbours' columns, so that the glyphs either side of a cut (a space,
    // a full-width comma) are read in context; each keeps the characters centred in its own columns.
    const from = Math.max(0, piece.start - PIECE_CONTEXT)
    const to = Math.min(width, piece.end + PIECE_CONTEXT)
    const part = await recognize(session, ...pieceTensor(tensor, tensorWidth, from, to), dictionary)
    // Pieces start on a step boundary, so their steps continue the line's.
    const offset = from / STEP_COLUMNS
    for (const c of part.chars) {
      const centre = (c.start + c.end + 1) / 2 + offset
      if (centre * STEP_COLUMNS < piece.start || centre * STEP_COLUMNS >= piece.end) continue
      chars.push({ ...c, start: c.start + offset, end: c.end + offset })
    }
  }
  return reading(chars, ink, width, STEP_COLUMNS)
}

function reading(chars: CtcChar[], ink: LineInk, width: number, stepWidth: number): LineReading {
  const confidence =
    chars.length === 0 ? 0 : chars.reduce((sum, c) => sum + c.score, 0) / chars.length
  return { chars, ink, width, stepWidth, confidence }
}

/** The piece's columns of the line's tensor, padded with 0 to whole steps and PaddleOCR's minimum. */
function pieceTensor(
  line: Float32Array,
  lineWidth: number,
  start: number,
  end: number,
): [Float32Array, number] {
  const width = Math.max(Math.ceil((end - start) / STEP_COLUMNS) * STEP_COLUMNS, LINE_MIN_WIDTH)
  const piece = new Float32Array(3 * LINE_HEIGHT * width)
  for (let row = 0; row < 3 * LINE_HEIGHT; row++) {
    const from = row * lineWidth
    piece.set(line.subarray(from + start, from + end), row * width)
  }
  return [piece, width]
}

async function recognize(
  session: ort.InferenceSession,
  tensor: Float32Array,
  width: number,
  dictionary: readonly string[],
): Promise<{ chars: CtcChar[]; steps: number }> {
  const input = new ort.Tensor('float32', tensor, [1, 3, LINE_HEIGHT, width])
  const outputs = await session.run({ [session.inputNames[0] ?? 'x']: input })
  const output = outputs[session.outputNames[0] ?? '']
  if (!output || !(output.data instanceof Float32Array) || output.dims.length !== 3) {
    throw new Error('The recognizer did not answer a [batch, steps, classes] tensor.')
  }
  const [, steps = 0, classes = 0] = output.dims
  return { chars: decodeCtcRow(output.data, 0, steps, classes, dictionary), steps }
}
