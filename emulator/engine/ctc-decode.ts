/** One character read by the recognizer, with the CTC time steps (columns of the line) it spans. */
export interface CtcChar {
  char: string
  /** First and last time step of the run of frames that emitted the character. */
  start: number
  end: number
  /** Probability of the character at its best frame. */
  score: number
}

/**
 * PaddleOCR's CTCLabelDecode (greedy: the likeliest class per step, repeats collapsed, blanks
 * dropped), keeping the steps each character came from. Class 0 is the CTC blank; class i is
 * dictionary[i - 1]. `probs` holds one row of the recognizer's [batch, steps, classes] output.
 */
export function decodeCtcRow(
  probs: Float32Array,
  row: number,
  steps: number,
  classes: number,
  dictionary: readonly string[],
): CtcChar[] {
  const chars: CtcChar[] = []
  let previous = 0
  for (let t = 0; t < steps; t++) {
    const offset = (row * steps + t) * classes
    const frame = probs.subarray(offset, offset + classes)
    let best = 0
    let bestScore = frame[0] ?? 0
    for (let c = 1; c < frame.length; c++) {
      const score = frame[c] as number
      if (score > bestScore) {
        bestScore = score
        best = c
      }
    }
    const last = chars[chars.length - 1]
    if (best !== 0 && best === previous && last) {
      last.end = t
      last.score = Math.max(last.score, bestScore)
    } else if (best !== 0) {
      chars.push({ char: dictionary[best - 1] ?? '', start: t, end: t, score: bestScore })
    }
    previous = best
  }
  return chars
}
