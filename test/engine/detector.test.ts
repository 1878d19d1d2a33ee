// The engine's own detector pre- and post-processing against paddleocr's, which it replaced for
// speed: the same input tensor, and the same line boxes from the same probability map. No model runs:
// paddleocr's DetectionService gets a session that answers the drawn map.
import { dbBoxes } from '../../emulator/engine/db-boxes'
import { detectorFrame, detectorTensor } from '../../emulator/engine/detector-input'
import { paddle } from '../../emulator/engine/paddle-runtime'
import type { Box, OrtInferenceSession, OrtModule } from '../../emulator/engine/paddle-runtime'
import { SeededRandom } from '../support/images'

function randomImage(width: number, height: number, seed: number) {
  const random = new SeededRandom(seed)
  const data = new Uint8Array(width * height * 3).map(() => Math.floor(random.next() * 256))
  return { width, height, data }
}

/** A DB map: 0.05 everywhere, 0.9 inside each quad (corners clockwise from the top-left). */
function drawMap(width: number, height: number, quads: ReadonlyArray<Array<[number, number]>>) {
  const map = new Float32Array(width * height).fill(0.05)
  for (const quad of quads) {
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const inside = quad.every(([ax, ay], i) => {
          const [bx, by] = quad[(i + 1) % quad.length] ?? [0, 0]
          return (bx - ax) * (y + 0.5 - ay) - (by - ay) * (x + 0.5 - ax) >= 0
        })
        if (inside) map[y * width + x] = 0.9
      }
    }
  }
  return map
}

/** paddleocr's detector on a session that answers `map`, whatever the input. */
async function paddleocrBoxes(map: Float32Array, width: number, height: number): Promise<Box[]> {
  class FakeTensor {
    constructor(
      readonly type: string,
      readonly data: Float32Array,
      readonly dims: number[],
    ) {}
  }
  const session: OrtInferenceSession = {
    inputNames: ['x'],
    outputNames: ['y'],
    inputMetadata: [{}],
    run: () => Promise.resolve({ y: { data: map, dims: [1, 1, height, width] } }),
    release: () => Promise.resolve(),
  } as unknown as OrtInferenceSession
  const runtime = { Tensor: FakeTensor } as unknown as OrtModule
  const detector = new paddle.DetectionService(runtime, session, {
    maxSideLength: 960,
    limitType: 'max',
    channelOrder: 'bgr',
  })
  const image = new paddle.Image(width, height, 3, new Uint8Array(width * height * 3))
  return detector.run(image)
}

test('the detector input is paddleocr’s resize and normalisation, value for value', () => {
  for (const [width, height] of [
    [1100, 160],
    [500, 333],
    [20, 12],
  ] as const) {
    const image = randomImage(width, height, width)
    const frame = detectorFrame(image, 960)
    expect(frame.width % 32).toBe(0)
    expect(frame.height % 32).toBe(0)
    const source = new paddle.Image(width, height, 3, image.data)
    const padded =
      frame.sourceWidth === width && frame.sourceHeight === height
        ? source
        : source.padding({
            right: frame.sourceWidth - width,
            bottom: frame.sourceHeight - height,
            color: [0, 0, 0],
          })
    const expected = padded.resize({ width: frame.width, height: frame.height }).tensor({
      mean_values: paddle.DEFAULT_DETECTION_OPTIONS.mean,
      norm_values: paddle.DEFAULT_DETECTION_OPTIONS.stdDeviation,
      channel_order: 'bgr',
    })
    const actual = detectorTensor(image, frame)
    expect(actual.length).toBe(expected.length)
    const worst = actual.reduce(
      (max, value, i) => Math.max(max, Math.abs(value - (expected[i] ?? 0))),
      0,
    )
    expect(worst).toBeLessThan(1e-4)
  }
})

test('the line boxes are paddleocr’s: upright lines exactly, slanted ones within 2 px', async () => {
  const width = 640
  const height = 320
  const map = drawMap(width, height, [
    [
      [20, 20],
      [300, 20],
      [300, 44],
      [20, 44],
    ],
    [
      [40, 80],
      [600, 100],
      [599, 130],
      [39, 110],
    ],
    [
      [400, 200],
      [420, 200],
      [420, 300],
      [400, 300],
    ],
    // Too small to be a line: fewer than 20 pixels.
    [
      [10, 300],
      [14, 300],
      [14, 304],
      [10, 304],
    ],
  ])
  const frame = detectorFrame({ width, height, data: new Uint8Array(0) }, 960)
  const ours = dbBoxes(map, frame)
  const theirs = await paddleocrBoxes(map, width, height)
  expect(ours).toHaveLength(3)
  expect(theirs).toHaveLength(3)
  ours.forEach((box, i) => {
    const other = theirs[i]
    const slanted = i === 1
    box.points?.forEach((point, k) => {
      const corner = other?.points?.[k] ?? { x: NaN, y: NaN }
      const apart = Math.hypot(point.x - corner.x, point.y - corner.y)
      expect(apart).toBeLessThanOrEqual(slanted ? 2 : 0)
    })
  })
})
