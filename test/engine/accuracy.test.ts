// The offline engine against the seeded corpus: the text and line boxes it must find are known
// exactly, because the generator drew them. The engine loads once for the whole file.
import { createPaddleEngine } from '../../emulator/engine'
import type { EngineResult, OcrEngine } from '../../emulator/engine'
import { scoreRecognition, standardCorpus, wireItemsToLines } from '../support/images'
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

function total(field: 'truthChars' | 'charErrors' | 'truthLines' | 'foundLines'): number {
  return cases.reduce((sum, { score }) => sum + score[field], 0)
}

function report(): string {
  return cases
    .filter(({ score }) => score.mismatches.length > 0)
    .map(({ image, score }) => `${image.name}: ${JSON.stringify(score.mismatches)}`)
    .join('\n')
}

test('the corpus covers screenshots, cards, the scene, the A4 page and JPEG variants', () => {
  const names = cases.map(({ image }) => image.name)
  expect(names.length).toBeGreaterThanOrEqual(20)
  expect(names).toEqual(
    expect.arrayContaining(['scene-1280x720', 'a4-page', 'chat-1', 'settings-1']),
  )
  expect(cases.some(({ image }) => image.format === 'jpeg')).toBe(true)
  expect(total('truthChars')).toBeGreaterThan(3000)
})

// Characters are compared with whitespace removed (see scoreRecognition): PP-OCRv4 sometimes drops
// the space between English words. Missed and extra lines count every character as an error.
test('character accuracy over the corpus is at least 99%', () => {
  const accuracy = 1 - total('charErrors') / total('truthChars')
  if (accuracy < 0.99) throw new Error(`accuracy ${accuracy.toFixed(4)}\n${report()}`)
  expect(accuracy).toBeGreaterThanOrEqual(0.99)
})

// Boxes are compared as polygons (exact IoU of the two quadrilaterals), so the slight rotation of
// the images is held against the engine's four corners, not against a forgiving bounding box.
test('at least 95% of truth lines are found with polygon IoU >= 0.5', () => {
  const recall = total('foundLines') / total('truthLines')
  if (recall < 0.95) throw new Error(`recall ${recall.toFixed(4)}\n${report()}`)
  expect(recall).toBeGreaterThanOrEqual(0.95)
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
