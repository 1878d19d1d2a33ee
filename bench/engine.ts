// The offline engine against the engine as it was before batching and restored spaces (paddleocr's
// own detector at 1280 px and per-line reader, one session with two intra-op threads), both measured
// in this run: latency, CPU, peak memory and accuracy. `node --import tsx bench/engine.ts` (or
// `npm run bench -- engine`) prints the engine's rows alone; bench/engine-profile.ts, where the time goes.
import { execFile } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { availableParallelism, loadavg, tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'

import type { PaddleEngineOptions } from '../emulator/engine'
import { assertStayedOnLoopback, LOOPBACK_GUARD_ENV } from '../test/support/child-guard'
import {
  a4Page,
  generateTextImage,
  photoCorpus,
  slideScene,
  standardCorpus,
} from '../test/support/images'
import type { CorpusScore } from '../test/support/images'
import { measureEngine, measureImage } from './engine-measure'
import type { EngineMeasure } from './engine-measure'
import { runWhenMain } from './table'
import type { BenchRow } from './table'

const BASELINE: PaddleEngineOptions = {
  lineReader: 'per-line',
  maxSideLength: 1280,
  intraOpNumThreads: 2,
  detectorThreads: 2,
  lineReaders: 1,
  memoryArena: false,
  foldModels: false,
  pieceWidth: 0,
}
const TARGETS = {
  firstCallMs: 1500,
  sceneMs: 350,
  a4Ms: 1500,
  rssMb: 700,
  accuracy: 0.998,
  accuracyWithSpaces: 0.995,
  photoAccuracyWithSpaces: 0.99,
  lineRecall: 0.98,
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`
const percent = (share: number) => `${(share * 100).toFixed(2)}%`

/** "0.31 s (0.42x of 0.74 s)": the value, then its ratio to the baseline measured in the same run. */
function against(now: number, before: number, format: (value: number) => string): string {
  return `${format(now)} (${(now / before).toFixed(2)}x of ${format(before)})`
}

function timeRow(name: string, now: number, before: number, target?: number): BenchRow {
  const row: BenchRow = { name, value: against(now, before, seconds) }
  return target === undefined
    ? row
    : { ...row, target: `<= ${seconds(target)}`, pass: now <= target }
}

function accuracyRow(name: string, now: number, before: number, target: number): BenchRow {
  const value = `${percent(now)} (was ${percent(before)})`
  return { name, value, target: `>= ${percent(target)}`, pass: now >= target }
}

/**
 * With spaces, clean against phone photos side by side: "99.80% clean | 99.70% photos". The photos'
 * number is over every recipe's images; the rows after it give each recipe's own.
 */
function photoRows({ corpus, photos, allPhotos }: EngineMeasure, images: number): BenchRow[] {
  if (!allPhotos) return []
  const sideBySide = (photo: CorpusScore) =>
    `${percent(corpus.accuracyWithSpaces)} clean | ${percent(photo.accuracyWithSpaces)} photos`
  return [
    {
      name: `engine: corpus with spaces, clean | as phone photos (${photos.size} recipes x ${images})`,
      value: sideBySide(allPhotos),
      target: `>= ${percent(TARGETS.accuracyWithSpaces)} | >= ${percent(TARGETS.photoAccuracyWithSpaces)}`,
      pass:
        corpus.accuracyWithSpaces >= TARGETS.accuracyWithSpaces &&
        allPhotos.accuracyWithSpaces >= TARGETS.photoAccuracyWithSpaces,
    },
    ...[...photos].map(([recipe, photo]) => ({
      name: `engine: corpus with spaces, clean | ${recipe} (no spaces: ${percent(photo.accuracy)})`,
      value: sideBySide(photo),
      target: `>= ${percent(TARGETS.photoAccuracyWithSpaces)}`,
      pass: photo.accuracyWithSpaces >= TARGETS.photoAccuracyWithSpaces,
    })),
  ]
}

/** Peak RSS of a process that runs only the engine on these images (bench/engine-rss.ts). */
async function enginePeakMb(images: readonly Buffer[]): Promise<number> {
  const dir = await mkdtemp(path.join(tmpdir(), 'engine-rss-'))
  try {
    const files = await Promise.all(
      images.map(async (bytes, i) => {
        const file = path.join(dir, `${i}.png`)
        await writeFile(file, bytes)
        return file
      }),
    )
    const script = path.join(__dirname, 'engine-rss.ts')
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', script, ...files],
      { env: { ...process.env, ...LOOPBACK_GUARD_ENV } },
    )
    assertStayedOnLoopback(stderr)
    return (JSON.parse(stdout) as { peakMb: number }).peakMb
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

export async function benchEngine(runsScene = 7, runsA4 = 3): Promise<BenchRow[]> {
  const [scene, page, corpus] = await Promise.all([
    generateTextImage(slideScene()),
    generateTextImage(a4Page()),
    standardCorpus(),
  ])
  const images = { scene: scene.bytes, a4: page.bytes, corpus }
  const runs = { scene: runsScene, a4: runsA4 }
  // The photos are read by this engine only: the baseline has no space rule to hold to them.
  const clean = corpus.filter((image) => image.format === 'png')
  const photos = new Map(
    [...(await photoCorpus(clean))].map(([recipe, photographed]) => [recipe.name, photographed]),
  )
  const now: EngineMeasure = await measureEngine({}, { ...images, photos }, runs)
  const peakMb = await enginePeakMb([scene.bytes, page.bytes, page.bytes])
  // The engine reads lines on a session per core: it pays unless the machine is saturated. This row
  // shows the trade on the bench's machine.
  const oneReader = await measureImage({ lineReaders: 1 }, page.bytes, runsA4)
  // The same engine on the models as exported: what folding their affines and hard-swish saves.
  const exported = await measureImage({ foldModels: false }, page.bytes, runsA4)
  // The same engine reading every line whole: what reading long lines in pieces saves.
  const whole = await measureImage({ pieceWidth: 0 }, page.bytes, runsA4)
  const before = await measureEngine(BASELINE, images, runs)
  return [
    timeRow(
      'engine: first call (model load + 1280x720)',
      now.firstCallMs,
      before.firstCallMs,
      TARGETS.firstCallMs,
    ),
    timeRow('engine: first call, CPU time', now.firstCallCpuMs, before.firstCallCpuMs),
    timeRow(
      `engine: 1280x720, ${scene.truth.lines.length} lines (median of ${runsScene})`,
      now.scene.medianMs,
      before.scene.medianMs,
      TARGETS.sceneMs,
    ),
    timeRow('engine: 1280x720, CPU time per call', now.scene.cpuMs, before.scene.cpuMs),
    timeRow(
      `engine: A4 1240x1754, ${page.truth.lines.length} lines (median of ${runsA4})`,
      now.a4.medianMs,
      before.a4.medianMs,
      TARGETS.a4Ms,
    ),
    timeRow('engine: A4, CPU time per call', now.a4.cpuMs, before.a4.cpuMs),
    timeRow('engine: A4 with 1 line reader (option)', oneReader.medianMs, before.a4.medianMs),
    timeRow('engine: A4 with 1 line reader, CPU time', oneReader.cpuMs, before.a4.cpuMs),
    timeRow('engine: A4, models folded, against as exported', now.a4.medianMs, exported.medianMs),
    timeRow(
      'engine: A4, models folded, CPU time against as exported',
      now.a4.cpuMs,
      exported.cpuMs,
    ),
    timeRow('engine: A4, long lines in pieces, against whole', now.a4.medianMs, whole.medianMs),
    timeRow('engine: A4, long lines in pieces, CPU time against whole', now.a4.cpuMs, whole.cpuMs),
    {
      name: 'engine: peak RSS of a process running it (scene, A4, A4)',
      value: `${Math.round(peakMb)} MB`,
      target: `<= ${TARGETS.rssMb} MB`,
      pass: peakMb <= TARGETS.rssMb,
    },
    accuracyRow(
      `engine: corpus (${corpus.length} images) characters, no spaces`,
      now.corpus.accuracy,
      before.corpus.accuracy,
      TARGETS.accuracy,
    ),
    accuracyRow(
      'engine: corpus characters, with spaces',
      now.corpus.accuracyWithSpaces,
      before.corpus.accuracyWithSpaces,
      TARGETS.accuracyWithSpaces,
    ),
    ...photoRows(now, clean.length),
    accuracyRow(
      'engine: corpus line boxes found (IoU >= 0.5)',
      now.corpus.lineRecall,
      before.corpus.lineRecall,
      TARGETS.lineRecall,
    ),
    // Latency on a shared machine says little without this: other processes take the same cores.
    {
      name: `machine: 1-min load average (${availableParallelism()} cores)`,
      value: loadavg()[0]?.toFixed(2) ?? 'n/a',
    },
  ]
}

runWhenMain(module, benchEngine)
