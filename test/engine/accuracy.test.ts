// The offline engine against the seeded corpus: the text and line boxes it must find are known
// exactly, because the generator drew them. The engine loads once for the whole file.
import { createPaddleEngine } from '../../emulator/engine'
import type { EngineResult, OcrEngine } from '../../emulator/engine'
import {
  PHOTO_RECIPES,
  photoTestCorpus,
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
/** Some of the same images as phone photos (phone-photo.ts), read by the same engine. */
const photos: CaseResult[] = []

async function read(image: GeneratedImage): Promise<CaseResult> {
  const result = await engine.recognize(image.bytes)
  return { image, result, score: scoreRecognition(image.truth, wireItemsToLines(result.items)) }
}

beforeAll(async () => {
  engine = createPaddleEngine()
  const corpus = await standardCorpus()
  for (const image of corpus) cases.push(await read(image))
  for (const image of await photoTestCorpus(corpus)) photos.push(await read(image))
}, 360_000)

afterAll(() => engine.dispose())

/** Four or more single Latin letters or digits in a row, each standing alone: `T h e p r`. */
function isSpacedOut(text: string): boolean {
  return /(?:^|\s)(?:[A-Za-z0-9] ){3,}[A-Za-z0-9](?=\s|$)/u.test(text)
}

function countSpaces(image: GeneratedImage): number {
  return image.truth.lines.reduce((sum, line) => sum + line.text.split(' ').length - 1, 0)
}

function total(field: 'truthChars' | 'truthLines'): number {
  return cases.reduce((sum, { score }) => sum + score[field], 0)
}

const corpus = () => summarizeScores(cases.map(({ score }) => score))

function report(of: readonly CaseResult[] = cases): string {
  return of
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

// The same pages as a phone uploads them: resampled, grainy, JPEG twice. The recognizer reads them
// as well; the spaces must hold too, whatever the resampling did to the glyphs' edges.
test('the phone photos cover every recipe, on the lines whose spaces matter', () => {
  const names = photos.map(({ image }) => image.name)
  for (const recipe of PHOTO_RECIPES) {
    expect(names.filter((name) => name.endsWith(`.${recipe.name}`)).length).toBeGreaterThanOrEqual(
      2,
    )
  }
  expect(names).toEqual(expect.arrayContaining([expect.stringMatching(/^notice-\d\./u)]))
  const spaces = photos.reduce((sum, { image }) => sum + countSpaces(image), 0)
  expect(spaces).toBeGreaterThan(300)
})

test('character accuracy over the phone photos is at least 99.0% with spaces', () => {
  const { accuracyWithSpaces } = summarizeScores(photos.map(({ score }) => score))
  if (accuracyWithSpaces < 0.99) {
    throw new Error(`photos with spaces ${accuracyWithSpaces.toFixed(4)}\n${report(photos)}`)
  }
  expect(accuracyWithSpaces).toBeGreaterThanOrEqual(0.99)
})

test('no line, clean or photographed, comes back with a space between every letter', () => {
  const spacedOut = [...cases, ...photos].flatMap(({ image, result }) =>
    result.items
      .map((item) => item.text)
      .filter((text) => isSpacedOut(text))
      .map((text) => `${image.name}: ${text}`),
  )
  const truthSpacedOut = [...cases, ...photos].flatMap(({ image }) =>
    image.truth.lines.filter((line) => isSpacedOut(line.text)),
  )

  expect(truthSpacedOut).toEqual([])
  expect(spacedOut).toEqual([])
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
