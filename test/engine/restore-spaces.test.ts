// The space rule on lines drawn by hand: ink blocks where the characters are, the CTC steps that
// read them, and blanks of known widths between them. No model runs here.
import type { CtcChar } from '../../emulator/engine/ctc-decode'
import { decodeCtcRow } from '../../emulator/engine/ctc-decode'
import { inkQuad, measureLineInk } from '../../emulator/engine/line-ink'
import { LINE_HEIGHT } from '../../emulator/engine/line-tensor'
import { restoreSpaces } from '../../emulator/engine/restore-spaces'

const STEP = 8
const INK_TOP = 8
const INK_BOTTOM = 40 // 32 rows of ink: the line's character size

/** A white line with a black block per glyph, `[char, left, right]` in columns. */
function drawLine(glyphs: ReadonlyArray<[string, number, number]>, width = 400) {
  const grey = new Uint8Array(width * LINE_HEIGHT).fill(250)
  for (const [char, left, right] of glyphs) {
    if (char === ' ') continue // a space the model read: its column stays blank
    for (let y = INK_TOP; y < INK_BOTTOM; y++) grey.fill(20, y * width + left, y * width + right)
  }
  const chars: CtcChar[] = glyphs.map(([char, left, right]) => {
    const step = Math.floor((left + right) / 2 / STEP)
    return { char, start: step, end: step, score: 0.99 }
  })
  return { chars, ink: measureLineInk(grey, width), stepWidth: STEP }
}

/** Glyphs 16 px wide; `gaps[i]` px of blank after glyph i. */
function glyphsWithGaps(text: string, gaps: readonly number[]): Array<[string, number, number]> {
  let x = 10
  return Array.from(text).map((char, i) => {
    const glyph: [string, number, number] = [char, x, x + 16]
    x += 16 + (gaps[i] ?? 3)
    return glyph
  })
}

test('a blank wider than a quarter of the glyph height between Latin letters is a space', () => {
  // 3 px between letters in a word, 12 px (0.375 of 32) where the model dropped the space.
  const line = drawLine(glyphsWithGaps('CoffeeLatte', [3, 3, 3, 3, 3, 12, 3, 3, 3, 3]))

  expect(restoreSpaces(line)).toBe('Coffee Latte')
})

test('letters in a word stay together, and a line without wide blanks is left as read', () => {
  expect(restoreSpaces(drawLine(glyphsWithGaps('WeChat', [3, 4, 2, 5, 3])))).toBe('WeChat')
})

test('a date and a time get their space back; the digits of each stay together', () => {
  const text = '2024-06-1514:32:08'
  const gaps = Array.from(text, (_, i) => (i === 9 ? 14 : 2))

  expect(restoreSpaces(drawLine(glyphsWithGaps(text, gaps)))).toBe('2024-06-15 14:32:08')
})

test('between two Chinese characters or beside Chinese punctuation no space is added', () => {
  const line = drawLine(glyphsWithGaps('合计，Total', [14, 14, 14, 3, 3, 3, 3]))

  expect(restoreSpaces(line)).toBe('合计，Total')
})

test('a space the model read is kept once, and none is added at either end', () => {
  const line = drawLine(glyphsWithGaps('Pay now', [3, 3, 14, 3, 3, 3]))

  expect(restoreSpaces(line)).toBe('Pay now')
})

/**
 * A line as a resampled JPEG leaves it: each glyph's edge columns are a blur too faint to count as
 * ink, so the blanks between letters measure wider than they were drawn, and the few ascender stems
 * (3 px) are far fewer ink pixels per row than the x-height's. `d`, `f`, `h`, `k`, `l` and `t`
 * reach the ascender line; every other letter is x-height only. The model read the spaces between
 * words itself.
 */
function photographedLine(text: string, width: number) {
  const X_TOP = 20 // x-height: 20 rows; ascenders from INK_TOP, 32 rows
  const grey = new Uint8Array(width * LINE_HEIGHT).fill(240)
  const paint = (left: number, right: number, top: number, value: number) => {
    for (let y = top; y < INK_BOTTOM; y++) grey.fill(value, y * width + left, y * width + right)
  }
  const chars: CtcChar[] = []
  let x = 10
  for (const char of text) {
    if (char !== ' ') {
      paint(x, x + 14, X_TOP, 190) // the blurred edge: 50 from the paper, under the ink threshold
      paint(x + 1, x + 13, X_TOP, 30)
      if (/[dfhklt]/u.test(char)) paint(x + 1, x + 4, INK_TOP, 30)
    }
    const step = Math.floor((x + 7) / STEP)
    chars.push({ char, start: step, end: step, score: 0.99 })
    x += char === ' ' ? 16 : 14 + 4 // 4 px of paper, 6 px between the glyphs' ink
  }
  return { chars, ink: measureLineInk(grey, width), stepWidth: STEP }
}

test('a resampled JPEG line with few ascenders keeps its words whole (was `d a w n t o d u s k`)', () => {
  const line = photographedLine('dawn to dusk', 700)

  expect(restoreSpaces(line)).toBe('dawn to dusk')
})

test('a short word with two tall glyphs in nine is measured against them, not its x-height', () => {
  expect(restoreSpaces(photographedLine('afternoon', 320))).toBe('afternoon')
})

test("a line's character size is read from its glyphs: the same words read alike at any line length", () => {
  const read = [320, 700, 1600].map((width) =>
    restoreSpaces(photographedLine('dawn to dusk', width)),
  )

  expect(read).toEqual(['dawn to dusk', 'dawn to dusk', 'dawn to dusk'])
})

test('the ink extent maps back through the line quad: the answered box is the ink, not the margin', () => {
  const width = 200
  const grey = new Uint8Array(width * LINE_HEIGHT).fill(255)
  for (let y = 12; y < 36; y++) grey.fill(0, y * width + 40, y * width + 160)
  const ink = measureLineInk(grey, width)
  const quad = inkQuad(
    [
      { x: 100, y: 50 },
      { x: 300, y: 50 },
      { x: 300, y: 98 },
      { x: 100, y: 98 },
    ],
    ink,
    width,
  )

  expect([ink.left, ink.right, ink.top, ink.bottom]).toEqual([40, 160, 12, 36])
  expect(quad).toEqual([
    { x: 140, y: 62 },
    { x: 260, y: 62 },
    { x: 260, y: 86 },
    { x: 140, y: 86 },
  ])
})

test('the CTC decode collapses repeats, drops blanks and keeps the steps of each character', () => {
  const dictionary = ['a', 'b', ' ']
  // Steps: a a blank b b blank a  (class 0 is the blank, class i is dictionary[i - 1])
  const best = [1, 1, 0, 2, 2, 0, 1]
  const classes = dictionary.length + 1
  const probs = new Float32Array(best.length * classes)
  best.forEach((cls, t) => {
    probs.fill(0.01, t * classes, (t + 1) * classes)
    probs[t * classes + cls] = 0.9
  })

  const chars = decodeCtcRow(probs, 0, best.length, classes, dictionary)

  expect(chars.map(({ char, start, end }) => [char, start, end])).toEqual([
    ['a', 0, 1],
    ['b', 3, 4],
    ['a', 6, 6],
  ])
  expect(chars[0]?.score).toBeCloseTo(0.9)
})
