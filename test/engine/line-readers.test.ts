// A second line reader (its own thread and recognizer session) changes where lines are read, not what
// is answered; disposing the engine ends that thread too, or the engine's thread could not exit.
import { once } from 'node:events'
import workerThreads from 'node:worker_threads'
import type { Worker } from 'node:worker_threads'

import { createPaddleEngine } from '../../emulator/engine'
import { generateTextImage, slideScene } from '../support/images'

const RealWorker = workerThreads.Worker

test('two line readers answer what one does, and dispose ends every thread', async () => {
  const spawn = jest
    .spyOn(workerThreads, 'Worker')
    .mockImplementation((...args: ConstructorParameters<typeof Worker>) => new RealWorker(...args))
  const { bytes } = await generateTextImage(slideScene())
  const one = createPaddleEngine({ lineReaders: 1 })
  const two = createPaddleEngine({ lineReaders: 2 })
  try {
    const alone = await one.recognize(bytes)
    const shared = await two.recognize(bytes)
    expect(alone.items.length).toBeGreaterThan(5)
    expect(shared).toEqual(alone)
  } finally {
    await one.dispose()
    // The reader thread is started by the engine's thread, not here: one Worker per engine.
    const [, engineThread] = spawn.mock.results.map((r) => r.value as Worker)
    const exited = engineThread ? once(engineThread, 'exit') : Promise.resolve([0])
    await two.dispose()
    expect(await exited).toEqual([0])
    expect(spawn).toHaveBeenCalledTimes(2)
    spawn.mockRestore()
  }
}, 120_000)
