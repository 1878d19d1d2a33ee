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
 * together. A reader thread still loading its model joins when it is ready and holds nothing up (the
 * first call does not wait for it); one that failed to load, or has exited, gets no lines. Readings
 * come back in the order of `quads`.
 */
export function readLinesInParallel(
  image: RgbPixels,
  quads: readonly LineQuad[],
  local: ReadOne,
  readers: ReadonlyArray<ReaderThread | Promise<ReaderThread>>,
): Promise<LineReading[]> {
  const order = quads
    .map((quad, index) => ({ index, aspect: lineAspect(quad) }))
    .sort((a, b) => b.aspect - a.aspect)
    .map(({ index }) => index)
  const readings = new Array<LineReading>(quads.length)
  let next = 0
  let draining = 0
  let failed = false
  return new Promise<LineReading[]>((resolve, reject) => {
    const drain = async (read: ReadOne) => {
      draining++
      try {
        while (!failed && next < order.length) {
          const index = order[next++] as number
          readings[index] = await read(image, quads[index] as LineQuad)
        }
      } catch (error) {
        failed = true
        reject(error)
      } finally {
        draining--
        if (!failed && next >= order.length && draining === 0) resolve(readings)
      }
    }
    void drain(local)
    for (const reader of readers) {
      Promise.resolve(reader).then(
        (thread) => {
          if (!thread.alive) return
          for (let i = 0; i < IN_FLIGHT_PER_THREAD; i++) void drain((img, q) => thread.read(img, q))
        },
        () => undefined,
      )
    }
  })
}
