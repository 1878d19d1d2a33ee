// Where the engine's time goes, stage by stage, on the scene and the A4 page: the pipeline's own
// functions called one after another in this thread (one intra-op thread, one line reader), each
// measured in CPU time, which a busy machine inflates far less than wall time (waiting for a core
// is not counted). Lines are read whole here; the engine reads long ones in pieces (bench/engine.ts
// measures what that saves). `node --import tsx bench/engine-profile.ts`.
import { loadavg } from 'node:os'

import { Tensor } from 'onnxruntime-node'

import { decodeCtcRow } from '../emulator/engine/ctc-decode'
import { dbBoxes } from '../emulator/engine/db-boxes'
import { decodeImage } from '../emulator/engine/decode-image'
import { detectorFrame, detectorTensor } from '../emulator/engine/detector-input'
import { measureLineInk } from '../emulator/engine/line-ink'
import { LINE_HEIGHT, lineQuad, sampleLine } from '../emulator/engine/line-tensor'
import { readPaddleModelAssets } from '../emulator/engine/model-assets'
import { createSession } from '../emulator/engine/onnx-session'
import { restoreSpaces } from '../emulator/engine/restore-spaces'
import { a4Page, generateTextImage, slideScene } from '../test/support/images'
import { median, renderTable } from './table'
import type { BenchRow } from './table'

const STAGES = [
  'decode (sharp)',
  'detector input (resize, normalise)',
  'detector session',
  'detector boxes (DB post-processing)',
  'line sampling (warp, normalise)',
  'recognizer sessions (each line whole)',
  'CTC decode',
  'ink measure + restore spaces',
] as const
type Stage = (typeof STAGES)[number]

async function profileOnce(
  sessions: { detection: Session; recognition: Session },
  characters: readonly string[],
  bytes: Buffer,
): Promise<Record<Stage, number>> {
  const spent = Object.fromEntries(STAGES.map((s) => [s, 0])) as Record<Stage, number>
  const time = async <T>(stage: Stage, run: () => T | Promise<T>): Promise<T> => {
    const started = process.cpuUsage()
    const result = await run()
    const { user, system } = process.cpuUsage(started)
    spent[stage] += (user + system) / 1000
    return result
  }
  const image = await time('decode (sharp)', () => decodeImage(bytes))
  const frame = detectorFrame(image, 960)
  const input = await time('detector input (resize, normalise)', () => detectorTensor(image, frame))
  const outputs = await time('detector session', () =>
    sessions.detection.run({ x: new Tensor('float32', input, [1, 3, frame.height, frame.width]) }),
  )
  const map = Object.values(outputs)[0]?.data as Float32Array
  const boxes = await time('detector boxes (DB post-processing)', () => dbBoxes(map, frame))
  for (const box of boxes) {
    const { tensor, grey, width, tensorWidth } = await time('line sampling (warp, normalise)', () =>
      sampleLine(image, lineQuad(box)),
    )
    const read = await time('recognizer sessions (each line whole)', () =>
      sessions.recognition.run({
        x: new Tensor('float32', tensor, [1, 3, LINE_HEIGHT, tensorWidth]),
      }),
    )
    const output = Object.values(read)[0]
    const [, steps = 0, classes = 0] = output?.dims ?? []
    const chars = await time('CTC decode', () =>
      decodeCtcRow(output?.data as Float32Array, 0, steps, classes, characters),
    )
    await time('ink measure + restore spaces', () =>
      restoreSpaces({ chars, ink: measureLineInk(grey, width), stepWidth: tensorWidth / steps }),
    )
  }
  return spent
}

type Session = Awaited<ReturnType<typeof createSession>>

async function main(runs = 3): Promise<void> {
  const assets = await readPaddleModelAssets({ foldModels: true })
  const settings = { intraOpNumThreads: 1, memoryArena: false }
  const loadStarted = performance.now()
  const detection = await createSession(assets.detectionModel, settings)
  const detectionMs = performance.now() - loadStarted
  const recognition = await createSession(assets.recognitionModel, settings)
  const recognitionMs = performance.now() - loadStarted - detectionMs
  const rows: BenchRow[] = [
    { name: 'profile: detector session load', value: `${detectionMs.toFixed(0)} ms` },
    { name: 'profile: recognizer session load', value: `${recognitionMs.toFixed(0)} ms` },
  ]
  for (const [name, spec] of [
    ['1280x720', slideScene()],
    ['A4', a4Page()],
  ] as const) {
    const { bytes } = await generateTextImage(spec)
    await profileOnce({ detection, recognition }, assets.characters, bytes) // warm-up
    const samples: Array<Record<Stage, number>> = []
    for (let i = 0; i < runs; i++)
      samples.push(await profileOnce({ detection, recognition }, assets.characters, bytes))
    const medians = STAGES.map((stage) => median(samples.map((s) => s[stage])))
    const total = medians.reduce((sum, ms) => sum + ms, 0)
    STAGES.forEach((stage, i) => {
      const ms = medians[i] ?? 0
      rows.push({
        name: `profile: ${name}, ${stage}`,
        value: `${ms.toFixed(0)} ms CPU (${((ms / total) * 100).toFixed(0)}%)`,
      })
    })
  }
  rows.push({ name: 'machine: 1-min load average', value: loadavg()[0]?.toFixed(2) ?? 'n/a' })
  console.log(renderTable(rows))
  await Promise.all([detection.release(), recognition.release()])
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
