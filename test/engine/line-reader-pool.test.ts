// How a page's lines are shared between the OCR thread's session and the reader threads. No model
// runs: the readers are stand-ins that record what they were given.
import type { LineReading } from '../../emulator/engine/line-reader'
import { readLinesInParallel } from '../../emulator/engine/line-reader-pool'
import type { LineQuad, RgbPixels } from '../../emulator/engine/line-tensor'
import type { ReaderThread } from '../../emulator/engine/reader-thread'

const image: RgbPixels = { width: 1000, height: 100, data: new Uint8Array(0) }

/** A line `width` px long and 20 px high at row `y`. */
function line(width: number, y: number): LineQuad {
  return [
    { x: 0, y },
    { x: width, y },
    { x: width, y: y + 20 },
    { x: 0, y: y + 20 },
  ]
}

/** A reading that names its line by its width, so the test can see which line it belongs to. */
function readingOf(quad: LineQuad): LineReading {
  const width = quad[1].x
  return {
    chars: [{ char: String(width), start: 0, end: 0, score: 1 }],
    ink: { blankColumn: [], columnTop: [], columnBottom: [], top: 0, bottom: 1, left: 0, right: 1 },
    width,
    stepWidth: 8,
    confidence: 1,
  }
}

function recordingReader(log: number[], delayMs: number) {
  return async (_image: RgbPixels, quad: LineQuad) => {
    log.push(quad[1].x)
    await new Promise((resolve) => setTimeout(resolve, delayMs))
    return readingOf(quad)
  }
}

function thread(read: ReaderThread['read'], alive = true): ReaderThread {
  return { read, alive, close: () => Promise.resolve() }
}

const quads = [100, 900, 300, 700, 500, 200].map((width, i) => line(width, i * 30))

test('every line is read once, widest first, and the readings come back in the lines’ order', async () => {
  const local: number[] = []
  const readings = await readLinesInParallel(image, quads, recordingReader(local, 1), [])
  expect(local).toEqual([900, 700, 500, 300, 200, 100])
  expect(readings.map((r) => r.width)).toEqual([100, 900, 300, 700, 500, 200])
})

test('the lines are shared between the readers, each line going to one of them', async () => {
  const local: number[] = []
  const remote: number[] = []
  const readings = await readLinesInParallel(image, quads, recordingReader(local, 5), [
    thread(recordingReader(remote, 5)),
  ])
  expect(local.length).toBeGreaterThan(0)
  expect(remote.length).toBeGreaterThan(0)
  expect([...local, ...remote].sort((a, b) => a - b)).toEqual([100, 200, 300, 500, 700, 900])
  expect(readings.map((r) => r.width)).toEqual([100, 900, 300, 700, 500, 200])
})

test('a thread that has exited gets no lines; a reader that fails fails the page', async () => {
  const local: number[] = []
  const dead = jest.fn(recordingReader([], 1))
  await readLinesInParallel(image, quads, recordingReader(local, 1), [thread(dead, false)])
  expect(dead).not.toHaveBeenCalled()
  expect(local).toHaveLength(6)

  const failing = thread(() => Promise.reject(new Error('reader thread crashed')))
  await expect(
    readLinesInParallel(image, quads, recordingReader([], 5), [failing]),
  ).rejects.toThrow('reader thread crashed')
})

test('a reader still loading holds the page up not at all, and joins once it has loaded', async () => {
  // Never loads: the page is read by the OCR thread's own session alone and answered.
  const local: number[] = []
  const pending = new Promise<ReaderThread>(() => undefined)
  const readings = await readLinesInParallel(image, quads, recordingReader(local, 1), [pending])
  expect(local).toHaveLength(6)
  expect(readings.map((r) => r.width)).toEqual([100, 900, 300, 700, 500, 200])

  // Loads while the first line is read: it takes some of the rest.
  const first: number[] = []
  const late: number[] = []
  const loaded = new Promise<ReaderThread>((resolve) =>
    setTimeout(() => resolve(thread(recordingReader(late, 20))), 5),
  )
  await readLinesInParallel(image, quads, recordingReader(first, 20), [loaded])
  expect(first[0]).toBe(900)
  expect(late.length).toBeGreaterThan(0)
  expect([...first, ...late].sort((a, b) => a - b)).toEqual([100, 200, 300, 500, 700, 900])
})

test('a reader that failed to load reads nothing, and the page is still read', async () => {
  const local: number[] = []
  const failed = Promise.reject(new Error('the model could not load'))
  failed.catch(() => undefined)
  const readings = await readLinesInParallel(image, quads, recordingReader(local, 1), [failed])
  expect(local).toHaveLength(6)
  expect(readings).toHaveLength(6)
})

test('a page without lines is answered at once', async () => {
  const read = jest.fn(recordingReader([], 1))
  await expect(readLinesInParallel(image, [], read, [thread(read)])).resolves.toEqual([])
  expect(read).not.toHaveBeenCalled()
})
