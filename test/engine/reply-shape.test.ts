// The engine's reply is the platform's JSON as is: snake_case, four whole-pixel corners per line,
// img_size. The gateway passes it through unchanged, so its shape is checked here, key for key.
import sharp from 'sharp'

import { createPaddleEngine, ImageDecodeError } from '../../emulator/engine'
import type { OcrEngine } from '../../emulator/engine'
import { generateTextImage, slideScene } from '../support/images'

const CORNERS = ['left_bottom', 'left_top', 'right_bottom', 'right_top']

let engine: OcrEngine

beforeAll(() => {
  engine = createPaddleEngine()
})

afterAll(() => engine.dispose())

test('a reply has exactly the platform keys, integer corners inside the image, in corner order', async () => {
  const image = await generateTextImage(slideScene())

  const reply = await engine.recognize(image.bytes)

  expect(Object.keys(reply).sort()).toEqual(['img_size', 'items'])
  expect(reply.img_size).toEqual({ w: 1280, h: 720 })
  expect(reply.items.length).toBeGreaterThan(0)
  for (const item of reply.items) {
    expect(Object.keys(item).sort()).toEqual(['pos', 'text'])
    expect(item.text).toBe(item.text.trim())
    expect(item.text.length).toBeGreaterThan(0)
    expect(Object.keys(item.pos).sort()).toEqual(CORNERS)
    for (const point of Object.values(item.pos)) {
      expect(Object.keys(point).sort()).toEqual(['x', 'y'])
      expect(Number.isInteger(point.x) && Number.isInteger(point.y)).toBe(true)
      expect(point.x).toBeGreaterThanOrEqual(0)
      expect(point.x).toBeLessThanOrEqual(1280)
      expect(point.y).toBeGreaterThanOrEqual(0)
      expect(point.y).toBeLessThanOrEqual(720)
    }
    const { left_top, right_top, right_bottom, left_bottom } = item.pos
    expect(right_top.x).toBeGreaterThan(left_top.x)
    expect(right_bottom.x).toBeGreaterThan(left_bottom.x)
    expect(left_bottom.y).toBeGreaterThan(left_top.y)
    expect(right_bottom.y).toBeGreaterThan(right_top.y)
  }
  expect(JSON.parse(JSON.stringify(reply))).toEqual(reply)
})

test('a blank image gives zero items and its size', async () => {
  const blank = await sharp({
    create: { width: 640, height: 480, channels: 3, background: '#ffffff' },
  })
    .png()
    .toBuffer()

  const reply = await engine.recognize(blank)

  expect(reply).toEqual({ items: [], img_size: { w: 640, h: 480 } })
})

test.each([
  ['random bytes', Buffer.from('definitely not an image, just some text bytes')],
  ['an empty buffer', Buffer.alloc(0)],
  [
    'a PNG signature with nothing after it',
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  ],
])('%s throws ImageDecodeError', async (_name, bytes) => {
  await expect(engine.recognize(bytes)).rejects.toBeInstanceOf(ImageDecodeError)
})

test('a truncated JPEG throws ImageDecodeError', async () => {
  const image = await generateTextImage({ ...slideScene(), format: 'jpeg' })
  const truncated = image.bytes.subarray(0, Math.floor(image.bytes.length / 3))

  await expect(engine.recognize(truncated)).rejects.toBeInstanceOf(ImageDecodeError)
})

test('an image over the pixel limit throws ImageDecodeError before it is inflated', async () => {
  // 72 MP of one colour compresses to ~0.2 MB: a small upload that would decode to 216 MB.
  const huge = await sharp({
    create: { width: 9000, height: 8000, channels: 3, background: '#fff' },
  })
    .png()
    .toBuffer()

  await expect(engine.recognize(huge)).rejects.toThrow(/pixel limit/)
  await expect(engine.recognize(huge)).rejects.toBeInstanceOf(ImageDecodeError)
})

test('grey and transparent images are read like colour ones', async () => {
  const card = await generateTextImage({
    name: 'grey',
    width: 520,
    height: 120,
    background: '#ffffff',
    lines: [{ text: '灰度图片 Grey image 2024', x: 30, baseline: 75, size: 36, color: '#000000' }],
  })
  const grey = await sharp(card.bytes).greyscale().png().toBuffer()
  // Transparent background, black ink: the alpha channel is what makes the text visible.
  const transparent = await sharp(card.bytes)
    .greyscale()
    .negate()
    .toColourspace('b-w')
    .raw()
    .toBuffer({ resolveWithObject: true })
    .then(({ data, info }) =>
      sharp(Buffer.alloc(info.width * info.height * 3), {
        raw: { width: info.width, height: info.height, channels: 3 },
      })
        .joinChannel(data, { raw: { width: info.width, height: info.height, channels: 1 } })
        .png()
        .toBuffer(),
    )

  for (const bytes of [grey, transparent]) {
    const reply = await engine.recognize(bytes)
    expect(reply.items.map((item) => item.text.replace(/\s/g, ''))).toEqual([
      '灰度图片Greyimage2024',
    ])
  }
})
