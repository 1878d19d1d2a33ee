// A cache hit against a miss, through the built function and the real SDK, with the real offline engine:
// what a repeated image saves. Times are the function's own (its log line's durationMs, no process start)
// and the whole invocation. `node --import tsx bench/cache.ts` prints the table alone.
import { promises as fs } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { invokeFunction } from '../emulator/function-runner'
import { startLocalCloud, type LocalCloud } from '../emulator/index'
import { userUploadPath } from '../emulator/storage/user-upload'
import { DEFAULT_COLLECTIONS } from '../src/quota/config'
import { generateTextImage, slideScene } from '../test/support/images'
import { median, runWhenMain, type BenchRow } from './table'

const ROOT = path.join(__dirname, '..')
const FUNCTION_DIR = path.join(ROOT, 'cloudfunctions', 'ocrPrintedText')
const OPENID = 'oBenchUser'

interface Timed {
  inFunctionMs: number
  wallMs: number
  cache: string
}

async function call(
  cloud: LocalCloud,
  fileID: string,
  env: Record<string, string> = {},
): Promise<Timed> {
  const { stdout, durationMs } = await invokeFunction({
    functionDir: FUNCTION_DIR,
    functionName: 'ocrPrintedText',
    event: { fileID },
    cloud,
    openid: OPENID,
    timeoutMs: 120_000,
    // A bench run must not trip the default limits.
    extraEnv: { OCR_USER_DAILY_LIMIT: '0', OCR_DAILY_BUDGET: '0', ...env },
  })
  const line = stdout.split('\n').find((text) => text.includes('"msg":"ocrPrintedText"'))
  const parsed = JSON.parse(line ?? '{}') as {
    durationMs?: number
    cache?: string
    outcome?: string
  }
  if (parsed.outcome !== 'ok' || parsed.durationMs === undefined) {
    throw new Error(`bench call failed: ${line ?? stdout}`)
  }
  return { inFunctionMs: parsed.durationMs, wallMs: durationMs, cache: parsed.cache ?? '?' }
}

function ms(value: number): string {
  return `${value.toFixed(0)} ms`
}

export async function benchCache(runs = 5): Promise<BenchRow[]> {
  const scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'ocr-bench-cache-'))
  const cloud = await startLocalCloud({
    storageDir: path.join(scratch, 'storage'),
    functionsRoot: path.join(ROOT, 'cloudfunctions'),
    database: { collections: [DEFAULT_COLLECTIONS.cache, DEFAULT_COLLECTIONS.counters] },
  })
  try {
    const upload = async (seed: number) => {
      const image = await generateTextImage(slideScene(`bench-${seed}`, seed))
      return cloud.putFile(userUploadPath(OPENID, `bench-${seed}.png`), image.bytes)
    }
    // Warm-up: loads the engine (longer than one attempt may take), so no miss carries the model load.
    const patient = { OCR_ATTEMPT_TIMEOUT_MS: '100000', OCR_RETRY_BUDGET_MS: '100000' }
    await call(cloud, await upload(1), patient)
    const misses: Timed[] = []
    const hits: Timed[] = []
    for (let i = 0; i < runs; i++) {
      const fileID = await upload(100 + i)
      misses.push(await call(cloud, fileID))
      hits.push(await call(cloud, fileID))
    }
    if (misses.some((t) => t.cache !== 'miss') || hits.some((t) => t.cache !== 'hit')) {
      throw new Error('bench: expected every first call to miss and every repeat to hit')
    }
    const platformCalls = cloud.requests.count('gateway', (r) => r.apiName === 'ocr.printedText')
    const miss = median(misses.map((t) => t.inFunctionMs))
    const hit = median(hits.map((t) => t.inFunctionMs))
    return [
      { name: 'cache miss, in function (real engine, 1280x720)', value: ms(miss) },
      {
        name: 'cache hit, in function',
        value: ms(hit),
        target: '< 10% of a miss',
        pass: hit < miss / 10,
      },
      { name: 'cache miss, whole invocation', value: ms(median(misses.map((t) => t.wallMs))) },
      { name: 'cache hit, whole invocation', value: ms(median(hits.map((t) => t.wallMs))) },
      {
        name: `platform calls for ${runs} images asked twice`,
        value: String(platformCalls - 1),
        target: String(runs),
        pass: platformCalls - 1 === runs,
      },
    ]
  } finally {
    await cloud.stop()
    await fs.rm(scratch, { recursive: true, force: true })
  }
}

runWhenMain(module, benchCache)
