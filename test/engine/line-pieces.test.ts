// Where a long line is cut to be read in pieces: only where it has no ink, on a CTC step boundary,
// into pieces no narrower than PaddleOCR's minimum and no wider than asked.
import fc from 'fast-check'

import { linePieces, STEP_COLUMNS } from '../../emulator/engine/line-pieces'

/** Columns of a line: `#` ink, `.` blank, each character standing for `scale` columns. */
function columns(pattern: string, scale = 1): boolean[] {
  return [...pattern].flatMap((c) => Array<boolean>(scale).fill(c === '.'))
}

test('a line no wider than the limit, or a limit of 0, is one piece', () => {
  expect(linePieces(columns('#.'.repeat(400)), 800)).toEqual([{ start: 0, end: 800 }])
  expect(linePieces(columns('#.'.repeat(1000)), 0)).toEqual([{ start: 0, end: 2000 }])
})

test('a long line is cut in its widest blank, on a step boundary', () => {
  // Ink everywhere but a 4-column gap at 500 and a 20-column gap at 600-620.
  const line = columns('#'.repeat(1200))
  for (let x = 500; x < 504; x++) line[x] = true
  for (let x = 600; x < 620; x++) line[x] = true
  expect(linePieces(line, 800)).toEqual([
    { start: 0, end: 608 },
    { start: 608, end: 1200 },
  ])
})

test('a line without a blank between 320 and the limit stays whole from there on', () => {
  const line = columns('#'.repeat(2000))
  line[100] = true
  line[101] = true
  line[102] = true
  expect(linePieces(line, 800)).toEqual([{ start: 0, end: 2000 }])
})

test('pieces tile the line, cut only in blanks of 3 columns or more, within the limits', () => {
  fc.assert(
    fc.property(
      fc.array(fc.boolean(), { minLength: 1, maxLength: 400 }),
      fc.integer({ min: 2, max: 12 }),
      fc.integer({ min: 41, max: 130 }),
      (pattern, scale, steps) => {
        const line = pattern.flatMap((blank) => Array<boolean>(scale).fill(blank))
        const limit = steps * STEP_COLUMNS
        const pieces = linePieces(line, limit)
        expect(pieces[0]?.start).toBe(0)
        expect(pieces[pieces.length - 1]?.end).toBe(line.length)
        pieces.forEach((piece, i) => {
          const next = pieces[i + 1]
          if (!next) return
          expect(next.start).toBe(piece.end)
          expect(piece.end % STEP_COLUMNS).toBe(0)
          expect(piece.end - piece.start).toBeGreaterThanOrEqual(320)
          expect(piece.end - piece.start).toBeLessThanOrEqual(limit)
          // Blank on both sides of the cut, in a run of at least 3 columns.
          expect(line[piece.end - 1] && line[piece.end]).toBe(true)
          let run = 0
          for (let x = piece.end - 1; x >= 0 && line[x]; x--) run++
          for (let x = piece.end; x < line.length && line[x]; x++) run++
          expect(run).toBeGreaterThanOrEqual(3)
        })
      },
    ),
  )
})
