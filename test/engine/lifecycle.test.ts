// Loading the models costs ~0.5 s and ~0.6 GB: it must happen once, on first use, in the engine's
// own thread, and be undone by dispose(). Counted at the seam: worker_threads' Worker constructor.
import { once } from 'node:events'
import workerThreads from 'node:worker_threads'
import type { Worker } from 'node:worker_threads'

import sharp from 'sharp'

import { createPaddleEngine, ImageDecodeError, loadDefaultEngine } from '../../emulator/engine'

function blankPng(width: number, height: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#f0f0f0' } })
    .png()
    .toBuffer()
}

const RealWorker = workerThreads.Worker

/** Counts threads without changing them: each construction is forwarded to the real Worker. */
function spyOnWorkers() {
  return jest
    .spyOn(workerThreads, 'Worker')
    .mockImplementation((...args: ConstructorParameters<typeof Worker>) => new RealWorker(...args))
}

function spawnedWorkers(spy: ReturnType<typeof spyOnWorkers>): Worker[] {
  return spy.mock.results.map((result) => result.value as Worker)
}

afterEach(() => jest.restoreAllMocks())

test('creating an engine loads nothing; concurrent first calls share one load; dispose ends it', async () => {
  const spawn = spyOnWorkers()
  const engine = createPaddleEngine()
  expect(spawn).not.toHaveBeenCalled()

  await expect(engine.recognize(Buffer.from('not an image'))).rejects.toBeInstanceOf(
    ImageDecodeError,
  )
  expect(spawn).not.toHaveBeenCalled()

  const [a, b] = await Promise.all([
    engine.recognize(await blankPng(320, 200)),
    engine.recognize(await blankPng(200, 320)),
  ])
  expect(a).toEqual({ items: [], img_size: { w: 320, h: 200 } })
  expect(b).toEqual({ items: [], img_size: { w: 200, h: 320 } })
  await engine.recognize(await blankPng(64, 64))
  expect(spawn).toHaveBeenCalledTimes(1)

  const [thread] = spawnedWorkers(spawn)
  if (!thread) throw new Error('no worker was spawned')
  const exited = once(thread, 'exit')
  await engine.dispose()
  expect(await exited).toEqual([0])
  await engine.dispose()
  await expect(engine.recognize(await blankPng(64, 64))).rejects.toThrow(/disposed/)
})

test('a thread that dies fails its caller, and the next call starts a fresh one', async () => {
  const spawn = spyOnWorkers()
  const engine = createPaddleEngine()
  await engine.recognize(await blankPng(64, 64))
  const [first] = spawnedWorkers(spawn)
  if (!first) throw new Error('no worker was spawned')

  // The image is decoded before it is posted: end the thread once the request is in it, not before
  // (on a loaded machine the decode can outlast terminate(), and the call would go to a fresh thread).
  const post = first.postMessage.bind(first)
  const posted = new Promise<void>((resolve) => {
    jest.spyOn(first, 'postMessage').mockImplementation((message: unknown) => {
      post(message)
      resolve()
    })
  })
  const busy = engine.recognize(await blankPng(900, 600))
  await posted
  await first.terminate()
  await expect(busy).rejects.toThrow(/exited/)

  const reply = await engine.recognize(await blankPng(64, 48))
  expect(reply.img_size).toEqual({ w: 64, h: 48 })
  expect(spawn).toHaveBeenCalledTimes(2)
  await engine.dispose()
})

test('loadDefaultEngine is one shared engine until it is disposed', async () => {
  const first = loadDefaultEngine()
  expect(loadDefaultEngine()).toBe(first)
  expect(first.name).toMatch(/PP-OCRv4/)

  await first.dispose()

  expect(loadDefaultEngine()).not.toBe(first)
  await loadDefaultEngine().dispose()
})
