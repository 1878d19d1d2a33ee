import type { CtcChar } from './ctc-decode'
import type { LineInk } from './line-ink'

/** What restoreSpaces reads: the characters with their time steps, and the line they were read from. */
export interface SpacingInput {
  chars: readonly CtcChar[]
  /** Where the ink is on the sampled line. */
  ink: LineInk
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
/**
 * Allowance per narrow glyph beside the blank, and the extra for a digit one on the blank's left: a
 * tabular `1` keeps most of its blank on its right (`15` looked like `1 5`).
 */
const NARROW_ALLOWANCE = 0.08
const ONE_LEFT_ALLOWANCE = 0.12

/**
 * PP-OCRv4 reads `Coffee Latte` as `CoffeeLatte` and `2024-06-15 14:32:08` as `2024-06-1514:32:08`.
 * The CTC output says where on the line each character was read; between two of them, with a Latin
 * letter or a digit on at least one side, the widest run of ink-free columns is measured against the
 * line's own ink height (its character size). Spaces the model did read are kept as they are.
 */
export function restoreSpaces({ chars, ink, stepWidth }: SpacingInput): string {
  const { blankColumn } = ink
  const inkHeight = Math.max(1, ink.bottom - ink.top)
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
      const allowance =
        allowanceOf(previous.char) +
        allowanceOf(current.char) +
        (previous.char === '1' ? ONE_LEFT_ALLOWANCE : 0)
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
  return NARROW_GLYPH.test(char) || char === '1' ? NARROW_ALLOWANCE : 0
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
