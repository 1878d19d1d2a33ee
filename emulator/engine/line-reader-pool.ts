import type { LineReading } from './line-reader'
import type { LineQuad, RgbPixels } from './line-tensor'
import { lineAspect } from './line-tensor'
import type { ReaderThread } from './reader-thread'

type ReadOne = (image: RgbPixels, quad: LineQuad) => Promise<LineReading>

/**
 * Two lines in flight per reader thread: while the OCR thread is inside its own (synchronous)
 * session call it cannot hand out the next line, and the helper would sit idle without a second.
 */
const IN_FLIGHT_PER_THREAD = 2

/**
 * Reads a page's lines on every reader at once: the OCR thread's own session and one session per
 * reader thread, each with one intra-op thread. On two cores this beat one session with two
 * threads, whose every operator waits for the slower thread (and on a busy machine one is always
 * descheduled). Lines go out widest first, each to whichever reader is free, so the readers finish
 * together. Readings come back in the order of `quads`.
 */
export function readLinesInParallel(
  image: RgbPixels,
  quads: readonly LineQuad[],
  local: ReadOne,
  threads: readonly ReaderThread[],
): Promise<LineReading[]> {
  const order = quads
    .map((quad, index) => ({ index, aspect: lineAspect(quad) }))
    .sort((a, b) => b.aspect - a.aspect)
    .map(({ index }) => index)
  const readings = new Array<LineReading>(quads.length)
  let next = 0
  let failed = false
  const drain = async (read: ReadOne) => {
    while (!failed && next < order.length) {
      const index = order[next++] as number
      try {
        readings[index] = await read(image, quads[index] as LineQuad)
      } catch (error) {
        failed = true
        throw error
      }
    }
  }
  const loops = [drain(local)]
  for (const thread of threads.filter((t) => t.alive)) {
    for (let i = 0; i < IN_FLIGHT_PER_THREAD; i++)
      loops.push(drain((img, q) => thread.read(img, q)))
  }
  return Promise.all(loops).then(() => readings)
}
