import type { CtcChar } from './ctc-decode'
import { LINE_HEIGHT } from './line-tensor'

/** What restoreSpaces reads: the characters with their time steps, and the line they were read from. */
export interface SpacingInput {
  chars: readonly CtcChar[]
  /** The sampled line in grey, LINE_HEIGHT rows of `width` columns. */
  grey: Uint8Array
  width: number
  /** Columns of the sampled line per CTC time step. */
  stepWidth: number
}

/** Latin letters, digits and ASCII punctuation: the text between which spaces carry meaning. */
const LATIN = /^[!-~]$/u
/** CJK punctuation carries its own blank half: no space is ever put beside it. */
const CJK_PUNCTUATION = /^[\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\u2018-\u201f]$/u
/** Glyphs whose ink is much narrower than their advance leave a wide blank beside them in a word. */
const NARROW_GLYPH = /^[.:,;'!ilIj|()/-]$/u

/**
 * A blank wider than this share of the line's ink height is a space (a space is about 0.25 em plus
 * the glyphs' bearings; letters in a word stand 0.05-0.15 em apart). Chosen on the standard corpus,
 * where it separated 3,000 letter pairs with spaces from those without but for a handful.
 */
const SPACE_SHARE = 0.25
/** Allowance per narrow glyph beside the blank, and the extra for the digit one. */
const NARROW_ALLOWANCE = 0.08
const ONE_ALLOWANCE = 0.2

/**
 * PP-OCRv4 reads `Coffee Latte` as `CoffeeLatte` and `2024-06-15 14:32:08` as `2024-06-1514:32:08`.
 * The CTC output says where on the line each character was read; between two of them, with a Latin
 * letter or a digit on at least one side, the widest run of ink-free columns is measured against the
 * line's own ink height (its character size). Spaces the model did read are kept as they are.
 */
export function restoreSpaces({ chars, grey, width, stepWidth }: SpacingInput): string {
  const { blankColumn, inkHeight } = inkProfile(grey, width)
  const centre = (c: CtcChar) => ((c.start + c.end) / 2 + 0.5) * stepWidth
  let text = ''
  chars.forEach((current, i) => {
    const previous = chars[i - 1]
    if (previous && needsSpaceCheck(previous.char, current.char)) {
      const blank = widestBlank(
        blankColumn,
        Math.floor(centre(previous)),
        Math.ceil(centre(current)),
      )
      const allowance = allowanceOf(previous.char) + allowanceOf(current.char)
      if (blank / inkHeight - allowance > SPACE_SHARE) text += ' '
    }
    text += current.char
  })
  return text.replace(/ {2,}/gu, ' ').trim()
}

function needsSpaceCheck(left: string, right: string): boolean {
  if (left === ' ' || right === ' ') return false
  if (CJK_PUNCTUATION.test(left) || CJK_PUNCTUATION.test(right)) return false
  return LATIN.test(left) || LATIN.test(right)
}

function allowanceOf(char: string): number {
  return (NARROW_GLYPH.test(char) ? NARROW_ALLOWANCE : 0) + (char === '1' ? ONE_ALLOWANCE : 0)
}

/**
 * Which columns hold no ink, and how tall the ink is. Ink is what differs from the background (the
 * median grey: text covers less than half a line) by more than a third of the strongest contrast, so
 * light text on a dark card counts too, and grain or JPEG ringing does not.
 */
function inkProfile(
  grey: Uint8Array,
  width: number,
): { blankColumn: boolean[]; inkHeight: number } {
  const sorted = Uint8Array.from(grey).sort()
  const background = sorted[sorted.length >> 1] ?? 255
  const contrast = grey.map((value) => Math.abs(value - background))
  const strongest = Uint8Array.from(contrast).sort()[Math.floor(contrast.length * 0.995)] ?? 0
  const threshold = Math.max(24, 0.35 * strongest)
  const columnInk = new Uint16Array(width)
  const rowInk = new Uint16Array(LINE_HEIGHT)
  for (let y = 0; y < LINE_HEIGHT; y++) {
    for (let x = 0; x < width; x++) {
      if ((contrast[y * width + x] ?? 0) <= threshold) continue
      columnInk[x] = (columnInk[x] ?? 0) + 1
      rowInk[y] = (rowInk[y] ?? 0) + 1
    }
  }
  const rowMinimum = Math.max(2, 0.02 * width)
  const inkRows = Array.from(rowInk.keys()).filter((y) => (rowInk[y] ?? 0) >= rowMinimum)
  const inkHeight = Math.max(1, (inkRows[inkRows.length - 1] ?? 0) - (inkRows[0] ?? 0) + 1)
  return { blankColumn: Array.from(columnInk, (count) => count === 0), inkHeight }
}

function widestBlank(blankColumn: readonly boolean[], from: number, to: number): number {
  let run = 0
  let widest = 0
  for (let x = Math.max(0, from); x < Math.min(blankColumn.length, to); x++) {
    run = blankColumn[x] ? run + 1 : 0
    widest = Math.max(widest, run)
  }
  return widest
}
