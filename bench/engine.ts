// The offline engine's latency on the two reference images and the process's peak memory.
// `node --import tsx bench/engine.ts` prints the table alone; bench/index.ts can add benchEngine()'s rows.
import { availableParallelism, loadavg } from 'node:os'

import { createPaddleEngine } from '../emulator/engine'
import type { OcrEngine } from '../emulator/engine'
import { a4Page, generateTextImage, slideScene } from '../test/support/images'
import { median, renderTable } from './table'
import type { BenchRow } from './table'

const TARGET_1280_MS = 800
const TARGET_RSS_MB = 1024

interface Timing {
  medianMs: number
  /** CPU time per call over every thread of the process (the engine's worker included). */
  cpuMs: number
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

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`
}

export async function benchEngine(runs1280 = 7, runsA4 = 3): Promise<BenchRow[]> {
  const [scene, page] = await Promise.all([
    generateTextImage(slideScene()),
    generateTextImage(a4Page()),
  ])
  const engine = createPaddleEngine()
  try {
    const loadStarted = performance.now()
    await engine.recognize(scene.bytes)
    const firstCall = performance.now() - loadStarted
    const scene1280 = await timeRuns(engine, scene.bytes, runs1280)
    const a4 = await timeRuns(engine, page.bytes, runsA4)
    // maxRSS covers the engine's worker thread too: it shares this process.
    const peakMb = process.resourceUsage().maxRSS / 1024
    return [
      { name: 'engine: first call (model load + 1280x720)', value: seconds(firstCall) },
      {
        name: `engine: 1280x720, ${scene.truth.lines.length} lines (median of ${runs1280})`,
        value: seconds(scene1280.medianMs),
        target: `< ${seconds(TARGET_1280_MS)}`,
        pass: scene1280.medianMs < TARGET_1280_MS,
      },
      { name: 'engine: 1280x720, CPU time per call', value: seconds(scene1280.cpuMs) },
      {
        name: `engine: A4 1240x1754, ${page.truth.lines.length} lines (median of ${runsA4})`,
        value: seconds(a4.medianMs),
      },
      { name: 'engine: A4, CPU time per call', value: seconds(a4.cpuMs) },
      {
        name: 'engine: peak RSS',
        value: `${Math.round(peakMb)} MB`,
        target: `< ${TARGET_RSS_MB} MB`,
        pass: peakMb < TARGET_RSS_MB,
      },
      // Latency on a shared machine says little without this: other processes take the same cores.
      {
        name: `machine: 1-min load average (${availableParallelism()} cores)`,
        value: loadavg()[0]?.toFixed(2) ?? 'n/a',
      },
    ]
  } finally {
    await engine.dispose()
  }
}

if (require.main === module) {
  benchEngine()
    .then((rows) => console.log(renderTable(rows)))
    .catch((error: unknown) => {
      console.error(error)
      process.exitCode = 1
    })
}
