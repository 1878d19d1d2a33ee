// The function's round trip against the local cloud with a fast fake engine (so the platform costs
// nearly nothing and our path shows), against the seed's raw example doing the same call. Each call is
// a fresh process, as a cold invocation is.
import { promises as fs } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import sharp from 'sharp'
import { startLocalCloud } from '../emulator'
import { FakeEngine } from '../emulator/ocr-service/fake-engine'
import { invokeFunction } from '../emulator/function-runner'
import { median, type BenchRow } from './table'

const root = path.join(__dirname, '..')
const FUNCTIONS = {
  ocrPrintedText: path.join(root, 'cloudfunctions', 'ocrPrintedText'),
  rawExample: path.join(__dirname, 'raw-example'),
}

export async function benchRoundTrip(runs = 12): Promise<BenchRow[]> {
  const scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'ocr-bench-'))
  const functionsRoot = path.join(scratch, 'functions')
  for (const name of Object.keys(FUNCTIONS)) {
    await fs.mkdir(path.join(functionsRoot, name), { recursive: true })
    await fs.writeFile(
      path.join(functionsRoot, name, 'config.json'),
      '{"permissions":{"openapi":["ocr.printedText"]}}',
    )
  }
  const cloud = await startLocalCloud({
    engine: new FakeEngine(),
    storageDir: path.join(scratch, 'storage'),
    functionsRoot,
    dailyQuota: 10_000,
  })
  const png = await sharp({ create: { width: 640, height: 360, channels: 3, background: '#fff' } })
    .png()
    .toBuffer()
  const event = { img: { contentType: 'image/png', value: png.toString('base64') } }
  const times: Record<keyof typeof FUNCTIONS, number[]> = { ocrPrintedText: [], rawExample: [] }
  try {
    for (let i = 0; i <= runs; i++) {
      for (const [name, functionDir] of Object.entries(FUNCTIONS) as Array<
        [keyof typeof FUNCTIONS, string]
      >) {
        const started = performance.now()
        const run = await invokeFunction({ functionDir, functionName: name, event, cloud })
        const ok =
          (run.result as { ok?: boolean; items?: unknown }).ok === true ||
          Array.isArray((run.result as { items?: unknown }).items)
        if (!ok) throw new Error(`${name} failed: ${JSON.stringify(run.result)}`)
        if (i > 0) times[name].push(performance.now() - started) // the first pair warms the file cache
      }
    }
  } finally {
    await cloud.stop()
    await fs.rm(scratch, { recursive: true, force: true })
  }
  const ours = median(times.ocrPrintedText)
  const raw = median(times.rawExample)
  return [
    { name: 'round trip (cold process, fake engine): raw example', value: `${raw.toFixed(0)} ms` },
    {
      name: 'round trip (cold process, fake engine): ocrPrintedText',
      value: `${ours.toFixed(0)} ms`,
    },
    // Ours also reads the result cache and counts the user's and the account's budgets (database
    // round trips the raw example does not make), so a ratio near 1 is the cost of those guarantees.
    { name: 'round trip ratio, ours / raw', value: `${(ours / raw).toFixed(2)}x` },
  ]
}
