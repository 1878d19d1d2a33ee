// One engine configuration measured the way bench/engine.ts reports it: load, latency, CPU, accuracy.
import { createPaddleEngine } from '../emulator/engine'
import type { OcrEngine, PaddleEngineOptions } from '../emulator/engine'
import { scoreRecognition, summarizeScores, wireItemsToLines } from '../test/support/images'
import type { CorpusScore, GeneratedImage, RecognitionScore } from '../test/support/images'
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
  /** The corpus as phone photos, by recipe name, and all of them together (when photos were given). */
  photos: Map<string, CorpusScore>
  allPhotos?: CorpusScore
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

async function scoreImages(
  engine: OcrEngine,
  corpus: readonly GeneratedImage[],
): Promise<RecognitionScore[]> {
  const scores = []
  for (const image of corpus) {
    const { items } = await engine.recognize(image.bytes)
    scores.push(scoreRecognition(image.truth, wireItemsToLines(items)))
  }
  return scores
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
  images: {
    scene: Buffer
    a4: Buffer
    corpus: readonly GeneratedImage[]
    photos?: ReadonlyMap<string, readonly GeneratedImage[]>
  },
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
    const corpus = summarizeScores(await scoreImages(engine, images.corpus))
    const photos = new Map<string, CorpusScore>()
    const photoScores: RecognitionScore[] = []
    for (const [recipe, photographed] of images.photos ?? []) {
      const scores = await scoreImages(engine, photographed)
      photos.set(recipe, summarizeScores(scores))
      photoScores.push(...scores)
    }
    const allPhotos = photoScores.length > 0 ? summarizeScores(photoScores) : undefined
    const firstCallCpuMs = (cpu.user + cpu.system) / 1000
    return {
      firstCallMs,
      firstCallCpuMs,
      scene,
      a4,
      corpus,
      photos,
      ...(allPhotos && { allPhotos }),
    }
  } finally {
    await engine.dispose()
  }
}
