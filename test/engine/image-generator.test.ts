// The generator is the source of truth for every accuracy number, so its truth is tested too: the
// boxes must hold all of the ink and nothing but the text they claim.
import sharp from 'sharp'

import {
  a4Page,
  convexIoU,
  generateTextImage,
  scoreRecognition,
  slideScene,
  standardCorpus,
  standardCorpusSpecs,
} from '../support/images'
import type { Corners, TextImageSpec } from '../support/images'

const rect = (x: number, y: number, w: number, h: number): Corners => [
  { x, y },
  { x: x + w, y },
  { x: x + w, y: y + h },
  { x, y: y + h },
]
const square = (x: number, y: number, size: number): Corners => rect(x, y, size, size)

test('the same spec renders the same bytes; another seed renders another image', async () => {
  const [first, again] = await Promise.all([
    generateTextImage(slideScene('s', 7)),
    generateTextImage(slideScene('s', 7)),
  ])
  const other = await generateTextImage(slideScene('s', 8))

  expect(first.bytes.equals(again.bytes)).toBe(true)
  expect(first.truth).toEqual(again.truth)
  expect(other.bytes.equals(first.bytes)).toBe(false)
})

test('the reference images have the sizes and line counts the benchmarks quote', async () => {
  const scene = await generateTextImage(slideScene())
  const page = await generateTextImage(a4Page())

  expect([scene.truth.w, scene.truth.h]).toEqual([1280, 720])
  expect([page.truth.w, page.truth.h]).toEqual([1240, 1754])
  expect(page.truth.lines.length).toBeGreaterThanOrEqual(36)
  expect(page.truth.lines.length).toBeLessThanOrEqual(42)
})

test('every corpus image is under the platform upload limit (2 MB) and decodes to its truth size', async () => {
  for (const image of await standardCorpus()) {
    const meta = await sharp(image.bytes).metadata()
    expect({ name: image.name, small: image.bytes.length < 2 * 1024 * 1024 }).toEqual({
      name: image.name,
      small: true,
    })
    expect([meta.format, meta.width, meta.height]).toEqual([
      image.format,
      image.truth.w,
      image.truth.h,
    ])
  }
})

test('the corpus stays within the promised sizes, rotations and scripts', () => {
  const specs = standardCorpusSpecs()
  const lines = specs.flatMap((spec) => spec.lines)

  expect(Math.min(...lines.map((line) => line.size))).toBeGreaterThanOrEqual(14)
  expect(Math.max(...lines.map((line) => line.size))).toBeLessThanOrEqual(48)
  for (const spec of specs) expect(Math.abs(spec.rotation ?? 0)).toBeLessThanOrEqual(3)
  expect(lines.some((line) => /[\u4e00-\u9fff]/u.test(line.text))).toBe(true)
  expect(lines.some((line) => /^[A-Za-z ,.']+$/u.test(line.text))).toBe(true)
  expect(new Set(specs.map((spec) => spec.name)).size).toBe(specs.length)
})

test('truth boxes hold all of the ink, and every box holds some', async () => {
  // Clean and unrotated on white, so "ink" is simply "not white". Rotated, the boxes are the same
  // rectangles turned by the same transform, which the polygon tests below cover.
  const spec: TextImageSpec = {
    name: 'ink',
    width: 640,
    height: 220,
    background: '#ffffff',
    lines: [
      { text: '混合 Mixed 文本 gjpqy 123', x: 20, baseline: 60, size: 40, color: '#000' },
      { text: 'Small 小字 14px', x: 30, baseline: 120, size: 14, color: '#333' },
      { text: '粗体 Bold，标点。', x: 25, baseline: 190, size: 32, color: '#123', bold: true },
    ],
  }
  const image = await generateTextImage(spec)
  const { data, info } = await sharp(image.bytes).raw().toBuffer({ resolveWithObject: true })
  const inBox = (x: number, y: number, margin: number) =>
    image.truth.lines.some(({ corners: [lt, , rb] }) => {
      return x >= lt.x - margin && x < rb.x + margin && y >= lt.y - margin && y < rb.y + margin
    })
  const inkPerLine = image.truth.lines.map(() => 0)
  let strayInk = 0
  for (let y = 0; y < info.height; y++) {
    for (let x = 0; x < info.width; x++) {
      const offset = (y * info.width + x) * info.channels
      const ink = (data[offset] ?? 255) < 160 // dark enough to be glyph, not antialiasing
      if (!ink) continue
      if (!inBox(x, y, 1)) strayInk++
      image.truth.lines.forEach(({ corners: [lt, , rb] }, i) => {
        if (x >= lt.x && x < rb.x && y >= lt.y && y < rb.y) inkPerLine[i] = (inkPerLine[i] ?? 0) + 1
      })
    }
  }

  expect(strayInk).toBe(0)
  for (const count of inkPerLine) expect(count).toBeGreaterThan(20)
})

test('polygon IoU: identical, disjoint, half-shifted and rotated squares', () => {
  expect(convexIoU(square(0, 0, 10), square(0, 0, 10))).toBeCloseTo(1)
  expect(convexIoU(square(0, 0, 10), square(20, 0, 10))).toBe(0)
  expect(convexIoU(square(0, 0, 10), square(5, 0, 10))).toBeCloseTo(1 / 3)
  const diamond = [
    { x: 5, y: 0 },
    { x: 10, y: 5 },
    { x: 5, y: 10 },
    { x: 0, y: 5 },
  ]
  expect(convexIoU(square(0, 0, 10), diamond)).toBeCloseTo(0.5)
  expect(convexIoU(diamond, [...diamond].reverse())).toBeCloseTo(1)
})

test('scoring ignores whitespace, counts misses and extras, and pairs by overlap', () => {
  const box = (y: number) => rect(0, y, 100, 10)
  const truth = {
    w: 100,
    h: 100,
    lines: [
      { text: 'Hello world', corners: box(0) },
      { text: '你好', corners: box(40) },
    ],
  }

  const perfect = scoreRecognition(truth, [
    { text: '你好', corners: box(41) },
    { text: 'Helloworld', corners: box(1) },
  ])
  const missedAndExtra = scoreRecognition(truth, [
    { text: 'Hello world', corners: box(0) },
    { text: 'ghost', corners: box(80) },
  ])

  expect([perfect.charErrors, perfect.foundLines, perfect.extraLines]).toEqual([0, 2, 0])
  expect(perfect.truthChars).toBe(12)
  expect([missedAndExtra.charErrors, missedAndExtra.foundLines]).toEqual([2 + 5, 1])
  expect(missedAndExtra.extraLines).toBe(1)
})
