// The HTTPS client's cache hit against a miss, with its guard in a real Redis (the store a fleet shares)
// and the real offline engine behind the local cloud's HTTPS endpoint: what a repeated image saves a
// server. `node --import tsx bench/https-cache.ts` prints the table alone.
import { randomBytes } from 'node:crypto'
import { promises as fs } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import IORedis from 'ioredis'

import { startLocalCloud } from '../emulator/index'
import { createPrintedTextClient, createRedisStore, type OcrReply } from '../src'
import { DEFAULT_RETRY_POLICY } from '../src/retry/policy'
import { generateTextImage, slideScene } from '../test/support/images'
import { startRedisServer } from '../test/support/redis-server'
import { median, runWhenMain, type BenchRow } from './table'

function expectOk(reply: OcrReply, what: string): void {
  if (!reply.ok) throw new Error(`bench ${what}: ${reply.error.code} ${reply.error.message}`)
}

async function timed(work: () => Promise<OcrReply>, what: string): Promise<number> {
  const started = performance.now()
  expectOk(await work(), what)
  return performance.now() - started
}

export async function benchHttpsCache(runs = 5): Promise<BenchRow[]> {
  const scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'ocr-bench-https-cache-'))
  const credentials = { appId: `wx${randomBytes(8).toString('hex')}`, appSecret: 'bench-secret' }
  const cloud = await startLocalCloud({ storageDir: path.join(scratch, 'storage'), credentials })
  const redis = await startRedisServer()
  const io = new IORedis(redis.port, '127.0.0.1', { lazyConnect: true })
  try {
    await io.connect()
    const client = createPrintedTextClient({
      ...credentials,
      baseUrl: cloud.origin,
      store: createRedisStore({ client: io, keyPrefix: 'bench:' }),
      // The first call loads the engine, longer than one attempt may take.
      retryPolicy: { ...DEFAULT_RETRY_POLICY, attemptTimeoutMs: 100_000, budgetMs: 100_000 },
    })
    const image = async (seed: number) =>
      (await generateTextImage(slideScene(`bench-https-${seed}`, seed))).bytes
    expectOk(await client.recognize({ img: await image(1) }), 'warm-up')
    const misses: number[] = []
    const hits: number[] = []
    for (let i = 0; i < runs; i++) {
      const img = await image(100 + i)
      misses.push(await timed(() => client.recognize({ img }), 'miss'))
      hits.push(await timed(() => client.recognize({ img }), 'hit'))
    }
    const platformCalls = cloud.requests.count('ocr-https') - 1
    const miss = median(misses)
    const hit = median(hits)
    return [
      {
        name: 'https client: cache miss (Redis store, real engine)',
        value: `${miss.toFixed(0)} ms`,
      },
      { name: 'https client: cache hit (Redis store)', value: `${hit.toFixed(1)} ms` },
      {
        name: 'https client: hit / miss (Redis store)',
        value: `${((hit / miss) * 100).toFixed(1)} %`,
        target: '< 10 %',
        pass: hit < miss / 10,
      },
      {
        name: `https client: platform calls for ${runs} images asked twice`,
        value: String(platformCalls),
        target: String(runs),
        pass: platformCalls === runs,
      },
    ]
  } finally {
    io.disconnect()
    await redis.stop()
    await cloud.stop()
    await fs.rm(scratch, { recursive: true, force: true })
  }
}

runWhenMain(module, benchHttpsCache)
