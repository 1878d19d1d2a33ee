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
 * A blank wider than this share of the line's glyph height is a space (a space is about 0.25 em plus
 * the glyphs' bearings; letters in a word stand 0.05-0.15 em apart; tall glyphs are about 0.7 em).
 * Chosen on the standard corpus and its phone photos, and checked on cards, receipts and notices of
 * other seeds, clean and photographed: 0.22 adds spaces inside words, 0.28 drops some.
 */
const SPACE_SHARE = 0.25
/**
 * The line's glyph height is this quantile of its characters' own ink heights: a tall one (capitals,
 * digits, ascenders, descenders, all about 0.7 em) when a tenth of the line has them, and on a line of
 * up to ten characters the second tallest, so one glyph reaching into a neighbour line's ink does not
 * set it. 0.8 read `afternoon`, with two tall glyphs in nine, against its x-height (`afternoo n`).
 */
const GLYPH_QUANTILE = 0.9
/** Fewer characters than this say too little about their heights: the line's ink height is used. */
const MIN_GLYPHS = 3
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
 * line's own glyph height (its character size). Spaces the model did read are kept as they are.
 */
export function restoreSpaces({ chars, ink, stepWidth }: SpacingInput): string {
  const { blankColumn } = ink
  const centre = (c: CtcChar) => ((c.start + c.end) / 2 + 0.5) * stepWidth
  const height = glyphHeight(chars.filter((c) => c.char !== ' ').map(centre), ink)
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
      if (blank / height - allowance > SPACE_SHARE) text += ' '
    }
    text += current.char
  })
  return text.replace(/ {2,}/gu, ' ').trim()
}

/**
 * The line's character size, read glyph by glyph: each character's columns (halfway to its
 * neighbours) give its own ink height. The extent of the whole line's ink rows depends on how many
 * of its glyphs reach above or below the x-height against the line's length, which blur and JPEG
 * tip one way or the other: a line whose ascender rows fell under the count read every letter gap
 * against the x-height and came back `T h e p r i n t e d`.
 */
function glyphHeight(centres: readonly number[], ink: LineInk): number {
  const heights: number[] = []
  centres.forEach((at, i) => {
    const before = centres[i - 1]
    const after = centres[i + 1]
    const half =
      ((after ?? at) - (before ?? at)) / (before === undefined || after === undefined ? 2 : 4)
    const from = Math.max(0, Math.floor(before === undefined ? at - half : (before + at) / 2))
    const to = Math.min(
      ink.columnTop.length,
      Math.ceil(after === undefined ? at + half : (at + after) / 2),
    )
    let top = Infinity
    let bottom = 0
    for (let x = from; x < to; x++) {
      if ((ink.columnBottom[x] ?? 0) === 0) continue
      top = Math.min(top, ink.columnTop[x] ?? 0)
      bottom = Math.max(bottom, ink.columnBottom[x] ?? 0)
    }
    if (bottom > top) heights.push(bottom - top)
  })
  if (heights.length < MIN_GLYPHS) return Math.max(1, ink.bottom - ink.top)
  heights.sort((a, b) => a - b)
  return Math.max(1, heights[Math.floor(GLYPH_QUANTILE * (heights.length - 1))] ?? 1)
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
