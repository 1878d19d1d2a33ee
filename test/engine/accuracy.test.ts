// The offline engine against the seeded corpus: the text and line boxes it must find are known
// exactly, because the generator drew them. The engine loads once for the whole file.
import { createPaddleEngine } from '../../emulator/engine'
import type { EngineResult, OcrEngine } from '../../emulator/engine'
import {
  scoreRecognition,
  standardCorpus,
  summarizeScores,
  wireItemsToLines,
} from '../support/images'
import type { GeneratedImage, RecognitionScore } from '../support/images'

interface CaseResult {
  image: GeneratedImage
  result: EngineResult
  score: RecognitionScore
}

let engine: OcrEngine
const cases: CaseResult[] = []

beforeAll(async () => {
  engine = createPaddleEngine()
  for (const image of await standardCorpus()) {
    const result = await engine.recognize(image.bytes)
    cases.push({
      image,
      result,
      score: scoreRecognition(image.truth, wireItemsToLines(result.items)),
    })
  }
}, 240_000)

afterAll(() => engine.dispose())

function total(field: 'truthChars' | 'truthLines'): number {
  return cases.reduce((sum, { score }) => sum + score[field], 0)
}

const corpus = () => summarizeScores(cases.map(({ score }) => score))

function report(): string {
  return cases
    .filter(({ score }) => score.mismatches.length > 0)
    .map(({ image, score }) => `${image.name}: ${JSON.stringify(score.mismatches)}`)
    .join('\n')
}

test('the corpus covers screenshots, cards, receipts, the scene, the A4 page and JPEG variants', () => {
  const names = cases.map(({ image }) => image.name)
  expect(names.length).toBeGreaterThanOrEqual(26)
  expect(names).toEqual(
    expect.arrayContaining(['scene-1280x720', 'a4-page', 'chat-1', 'settings-1', 'receipt-1']),
  )
  expect(cases.some(({ image }) => image.format === 'jpeg')).toBe(true)
  expect(total('truthChars')).toBeGreaterThan(3000)
})

// Without whitespace: what was read. With spaces: what a reader sees, so `CoffeeLatte` for
// `Coffee Latte` or `2024-06-1514:32:08` for `2024-06-15 14:32:08` is an error. Missed and extra
// lines count every character as an error.
test('character accuracy over the corpus is at least 99.8% without spaces', () => {
  const { accuracy } = corpus()
  if (accuracy < 0.998) throw new Error(`accuracy ${accuracy.toFixed(4)}\n${report()}`)
  expect(accuracy).toBeGreaterThanOrEqual(0.998)
})

test('character accuracy over the corpus is at least 99.5% with spaces', () => {
  const { accuracyWithSpaces } = corpus()
  if (accuracyWithSpaces < 0.995) {
    throw new Error(`accuracy with spaces ${accuracyWithSpaces.toFixed(4)}\n${report()}`)
  }
  expect(accuracyWithSpaces).toBeGreaterThanOrEqual(0.995)
})

test('the lines whose spaces PP-OCRv4 drops come back spaced', () => {
  const read = cases.flatMap(({ result }) => result.items.map((item) => item.text))
  const spacedTruth = cases.flatMap(({ image }) =>
    image.truth.lines
      .map((line) => line.text)
      .filter((text) =>
        /^(Coffee Latte|WeChat Pay|\d{4}-\d\d-\d\d \d\d:\d\d:\d\d|Version \d)/u.test(text),
      ),
  )
  expect(spacedTruth.length).toBeGreaterThanOrEqual(6)
  expect(read).toEqual(expect.arrayContaining(spacedTruth))
})

// Boxes are compared as polygons (exact IoU of the two quadrilaterals), so the slight rotation of
// the images is held against the engine's four corners, not against a forgiving bounding box.
test('at least 98% of truth lines are found with polygon IoU >= 0.5', () => {
  const { lineRecall } = corpus()
  if (lineRecall < 0.98) throw new Error(`recall ${lineRecall.toFixed(4)}\n${report()}`)
  expect(lineRecall).toBeGreaterThanOrEqual(0.98)
})

// A split line leaves an extra item that overlaps no truth line; merged lines leave a truth line
// unmatched. Either would also cost accuracy, but this names the failure.
test('each line comes back as one item: no more than 1% extra items over the corpus', () => {
  const extra = cases.reduce((sum, { score }) => sum + score.extraLines, 0)
  if (extra > 0.01 * total('truthLines')) throw new Error(`${extra} extra items\n${report()}`)
  for (const { image, result } of cases) {
    expect(result.items.length).toBeLessThanOrEqual(image.truth.lines.length + 1)
  }
})

test('img_size is the size of the uploaded image, also when detection ran on a smaller copy', () => {
  for (const { image, result } of cases) {
    expect({ name: image.name, ...result.img_size }).toEqual({
      name: image.name,
      w: image.truth.w,
      h: image.truth.h,
    })
  }
  const a4 = cases.find(({ image }) => image.name === 'a4-page')
  expect(a4?.result.img_size).toEqual({ w: 1240, h: 1754 })
})
