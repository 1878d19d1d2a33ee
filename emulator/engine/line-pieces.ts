/** A piece of a sampled line, columns [start, end). */
export interface LinePiece {
  start: number
  end: number
}

/** The recognizer reads one time step per 8 columns: pieces start on a step, so steps add up. */
export const STEP_COLUMNS = 8
/** No piece narrower than PaddleOCR's minimum line width, or the model reads padding. */
const PIECE_MIN = 320
/** A cut needs this many ink-free columns around it, so no glyph is split. */
const CUT_BLANK_MIN = 3

/**
 * Where to cut a long line so that no piece is wider than `maxWidth`: in the widest ink-free run of
 * columns that can end a piece of at least PIECE_MIN, on a step boundary. The recognizer costs more
 * per column on wide lines (its feature maps outgrow the cache): 0.077 ms a column up to 800, 0.10 at
 * 1600-1920 and 0.12 at 2560 on this project's machines. A line without such a blank stays whole
 * from there on. `maxWidth` 0 reads every line whole.
 */
export function linePieces(blankColumn: readonly boolean[], maxWidth: number): LinePiece[] {
  const width = blankColumn.length
  const limit = Math.floor(maxWidth / STEP_COLUMNS) * STEP_COLUMNS
  const pieces: LinePiece[] = []
  let start = 0
  while (limit > PIECE_MIN && width - start > limit) {
    const cut = bestCut(blankColumn, start + PIECE_MIN, start + limit)
    if (cut === undefined) break
    pieces.push({ start, end: cut })
    start = cut
  }
  pieces.push({ start, end: width })
  return pieces
}

/** The step boundary in [from, to] at the middle of the widest blank run around one. */
function bestCut(blankColumn: readonly boolean[], from: number, to: number): number | undefined {
  let best: { cut: number; run: number } | undefined
  let x = from
  while (x <= to) {
    if (!blankColumn[x]) {
      x++
      continue
    }
    let end = x
    while (end < blankColumn.length && blankColumn[end]) end++
    const run = end - x
    const middle = Math.round((x + end) / 2 / STEP_COLUMNS) * STEP_COLUMNS
    const cut = Math.min(Math.max(middle, from), to)
    const inside = cut - x >= 1 && end - cut >= 1
    if (run >= CUT_BLANK_MIN && inside && cut % STEP_COLUMNS === 0 && (!best || run > best.run))
      best = { cut, run }
    x = end
  }
  return best?.cut
}
