// Loading the models costs ~0.5 s and ~0.6 GB: it must happen once, on first use, in the engine's
// own thread, and be undone by dispose(). Counted at the seam: worker_threads' Worker constructor.
import { execFile } from 'node:child_process'
import { once } from 'node:events'
import path from 'node:path'
import { promisify } from 'node:util'
import workerThreads from 'node:worker_threads'
import type { Worker } from 'node:worker_threads'

import sharp from 'sharp'

import { createPaddleEngine, ImageDecodeError, loadDefaultEngine } from '../../emulator/engine'
import { assertStayedOnLoopback, LOOPBACK_GUARD_ENV } from '../support/child-guard'

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
  // One line reader: a second would be a thread of the OCR thread's own, possibly still creating its
  // session when the test kills the OCR thread, and onnxruntime aborts the process when a thread is
  // torn down in the middle of that (see the last test).
  const engine = createPaddleEngine({ lineReaders: 1 })
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

test('a process may end right after its first answer, while a line reader is still loading', async () => {
  // The first call does not wait for the second line reader; the engine keeps the process alive until
  // that reader has loaded, or onnxruntime aborts the process ("terminate called after throwing an
  // instance of 'Napi::Error'") as it ends, in about half the runs. Whether the reader is still loading
  // when the answer comes is a race (about half the runs): each run says whether it was, and runs go on
  // until one was (at half the runs, ten runs all miss it 1 in 1024); in each, the process must not end
  // before the readers settled, crash or not.
  const script = path.join(__dirname, '../support/engine-first-answer.ts')
  const LOADING_RUNS = 1
  const MAX_RUNS = 10
  let loadingRuns = 0
  for (let run = 0; run < MAX_RUNS && loadingRuns < LOADING_RUNS; run++) {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', script],
      { env: { ...process.env, ...LOOPBACK_GUARD_ENV } },
    )
    assertStayedOnLoopback(stderr)
    const [answered, exited] = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as unknown)
    expect(answered).toEqual({
      reply: { items: [], img_size: { w: 64, h: 64 } },
      readersLoading: expect.any(Boolean),
    })
    expect(exited).toEqual({ settledAtExit: true })
    if ((answered as { readersLoading: boolean }).readersLoading) loadingRuns++
  }
  expect(loadingRuns).toBe(LOADING_RUNS)
}, 300_000)
