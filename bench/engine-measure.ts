// One engine configuration measured the way bench/engine.ts reports it: load, latency, CPU, accuracy.
import { createPaddleEngine } from '../emulator/engine'
import type { OcrEngine, PaddleEngineOptions } from '../emulator/engine'
import { scoreRecognition, summarizeScores, wireItemsToLines } from '../test/support/images'
import type { CorpusScore, GeneratedImage } from '../test/support/images'
import { median } from './table'

export interface Timing {
  medianMs: number
  /** CPU time per call over every thread of the process (the engine's worker included). */
  cpuMs: number
}

export interface EngineMeasure {
  firstCallMs: number
  firstCallCpuMs: number
  scene: Timing
  a4: Timing
  corpus: CorpusScore
}

async function timeRuns(engine: OcrEngine, image: Buffer, runs: number): Promise<Timing> {
  await engine.recognize(image) // warm-up: the first call of a shape pays for allocations
  const times: number[] = []
  const cpuBefore = process.cpuUsage()
  for (let i = 0; i < runs; i++) {
    const started = performance.now()
    await engine.recognize(image)
    times.push(performance.now() - started)
  }
  const cpu = process.cpuUsage(cpuBefore)
  return { medianMs: median(times), cpuMs: (cpu.user + cpu.system) / 1000 / runs }
}

async function scoreCorpus(engine: OcrEngine, corpus: readonly GeneratedImage[]) {
  const scores = []
  for (const image of corpus) {
    const { items } = await engine.recognize(image.bytes)
    scores.push(scoreRecognition(image.truth, wireItemsToLines(items)))
  }
  return summarizeScores(scores)
}

/** Latency and CPU of one image alone, through a fresh engine of these options. */
export async function measureImage(
  options: PaddleEngineOptions,
  image: Buffer,
  runs: number,
): Promise<Timing> {
  const engine = createPaddleEngine(options)
  try {
    return await timeRuns(engine, image, runs)
  } finally {
    await engine.dispose()
  }
}

export async function measureEngine(
  options: PaddleEngineOptions,
  images: { scene: Buffer; a4: Buffer; corpus: readonly GeneratedImage[] },
  runs: { scene: number; a4: number },
): Promise<EngineMeasure> {
  const engine = createPaddleEngine(options)
  try {
    const cpuBefore = process.cpuUsage()
    const started = performance.now()
    await engine.recognize(images.scene)
    const firstCallMs = performance.now() - started
    const cpu = process.cpuUsage(cpuBefore)
    const scene = await timeRuns(engine, images.scene, runs.scene)
    const a4 = await timeRuns(engine, images.a4, runs.a4)
    const corpus = await scoreCorpus(engine, images.corpus)
    return { firstCallMs, firstCallCpuMs: (cpu.user + cpu.system) / 1000, scene, a4, corpus }
  } finally {
    await engine.dispose()
  }
}
