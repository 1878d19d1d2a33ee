// PaddleOCR recognizes lines in batches (rec_batch_num 6: crops sorted by aspect ratio, each batch
// padded to its widest); the engine reads one line per session call. Both ways on the A4 page's own
// line tensors, in this thread, on one recognizer session with one intra-op thread, interleaved so
// both see the same machine load: the CPU time of the recognizer calls alone.
// `node --import tsx bench/engine-batching.ts`.
import { Tensor } from 'onnxruntime-node'
import type { InferenceSession } from 'onnxruntime-node'

import { decodeImage } from '../emulator/engine/decode-image'
import { LINE_HEIGHT, lineQuad, sampleLine } from '../emulator/engine/line-tensor'
import { readPaddleModelAssets } from '../emulator/engine/model-assets'
import { createSession } from '../emulator/engine/onnx-session'
import { textDetector } from '../emulator/engine/text-detector'
import { a4Page, generateTextImage } from '../test/support/images'
import { median, runWhenMain } from './table'
import type { BenchRow } from './table'

const BATCH = 6

interface LineTensor {
  data: Float32Array
  width: number
}

function cpuMs(run: () => Promise<void>): Promise<number> {
  const started = process.cpuUsage()
  return run().then(() => {
    const { user, system } = process.cpuUsage(started)
    return (user + system) / 1000
  })
}

async function oneByOne(session: InferenceSession, lines: readonly LineTensor[]): Promise<void> {
  for (const { data, width } of lines)
    await session.run({ x: new Tensor('float32', data, [1, 3, LINE_HEIGHT, width]) })
}

/** Sorted by width, in batches of BATCH, each line padded with 0 (as PaddleOCR pads) to the widest. */
async function batched(session: InferenceSession, lines: readonly LineTensor[]): Promise<void> {
  const sorted = [...lines].sort((a, b) => a.width - b.width)
  for (let i = 0; i < sorted.length; i += BATCH) {
    const batch = sorted.slice(i, i + BATCH)
    const width = Math.max(...batch.map((line) => line.width))
    const data = new Float32Array(batch.length * 3 * LINE_HEIGHT * width)
    batch.forEach((line, n) => {
      for (let row = 0; row < 3 * LINE_HEIGHT; row++) {
        const from = row * line.width
        data.set(line.data.subarray(from, from + line.width), (n * 3 * LINE_HEIGHT + row) * width)
      }
    })
    await session.run({ x: new Tensor('float32', data, [batch.length, 3, LINE_HEIGHT, width]) })
  }
}

export async function benchBatching(runs = 3): Promise<BenchRow[]> {
  const assets = await readPaddleModelAssets({ foldModels: true })
  const settings = { intraOpNumThreads: 1, memoryArena: false }
  const detection = await createSession(assets.detectionModel, settings)
  const recognition = await createSession(assets.recognitionModel, settings)
  try {
    const image = await decodeImage((await generateTextImage(a4Page())).bytes)
    const lines = (await textDetector(detection, 960)(image)).map((box) => {
      const { tensor, tensorWidth } = sampleLine(image, lineQuad(box))
      return { data: tensor, width: tensorWidth }
    })
    await oneByOne(recognition, lines) // warm-up
    await batched(recognition, lines)
    const single: number[] = []
    const batches: number[] = []
    for (let i = 0; i < runs; i++) {
      single.push(await cpuMs(() => oneByOne(recognition, lines)))
      batches.push(await cpuMs(() => batched(recognition, lines)))
    }
    const [one, six] = [median(single), median(batches)]
    return [
      {
        name: `engine: A4 recognizer, ${lines.length} lines in batches of ${BATCH} (PaddleOCR), CPU`,
        value: `${(six / 1000).toFixed(2)} s (${(six / one).toFixed(2)}x of ${(one / 1000).toFixed(2)} s one line a call)`,
      },
    ]
  } finally {
    await Promise.all([detection.release(), recognition.release()])
  }
}

runWhenMain(module, benchBatching)
