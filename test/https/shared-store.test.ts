// The HTTPS client's guard on a real Redis (Debian's redis-server on a free loopback port): a fleet of
// server processes sharing one Redis spends one platform call per new image and keeps one daily budget;
// a Redis outage costs the cache, and a budget it cannot count refuses the call (BUDGET_UNCHECKED)
// unless told to spend; a cached result expires with its TTL. Platform
// calls are counted by the local cloud's HTTPS endpoint.
import { promises as fs } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import IORedis from 'ioredis'

import {
  createPrintedTextClient,
  createRedisStore,
  RetryQuota,
  type RecognizeLogLine,
} from '../../src/https'
import { startRedisServer, type RedisServer } from '../support/redis-server'
import { runFleet, type FleetJob } from './fleet/fleet'
import { logSink, testCredentials } from '../support/https-client'
import { pngImage } from '../support/images/formats'
import { startTestCloud, type TestCloud } from '../support/local-cloud'

const credentials = testCredentials()
let t: TestCloud
let redis: RedisServer
let scratch: string
let run = 0

beforeAll(async () => {
  redis = await startRedisServer()
  scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'ocr-fleet-'))
})
afterAll(async () => {
  await redis.stop()
  await fs.rm(scratch, { recursive: true, force: true })
})
beforeEach(async () => {
  run += 1
  t = await startTestCloud({ quiet: true, credentials, dailyQuota: 1000 })
})
afterEach(() => t.stop())

const platformCalls = (): number => t.cloud.requests.count('ocr-https')

/** Writes distinct PNGs (each its own size) for the worker processes to read. */
async function imageFiles(count: number, width = 320): Promise<string[]> {
  return Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const file = path.join(scratch, `run${run}-${width + i}.png`)
      await fs.writeFile(file, await pngImage(width + i, 160))
      return file
    }),
  )
}

function fleetJob(options: Partial<FleetJob> = {}): FleetJob {
  return {
    ...credentials,
    baseUrl: t.cloud.origin,
    redisPort: redis.port,
    // Every test its own keys, so one test's cache and counters are not the next one's.
    keyPrefix: `fleet${run}:`,
    ...options,
  }
}

const recognizeLines = (lines: readonly { event: string }[]): RecognizeLogLine[] =>
  lines.filter((line): line is RecognizeLogLine => line.event === 'recognize')

it('20 concurrent requests for one new image from 4 processes sharing one Redis make 1 platform call', async () => {
  // Prepare
  const [image = ''] = await imageFiles(1)
  const fiveEach = Array.from({ length: 4 }, () => Array<string>(5).fill(image))
  // Act
  const results = await runFleet(fleetJob(), fiveEach)
  // Assess
  expect(results.flatMap((result) => result.codes)).toEqual(Array(20).fill('ok'))
  expect(platformCalls()).toBe(1)
  const caches = recognizeLines(results.flatMap((result) => result.lines)).map((l) => l.cache)
  expect(caches.filter((cache) => cache === 'miss')).toHaveLength(1)
  expect(caches.filter((cache) => cache === 'hit' || cache === 'shared')).toHaveLength(19)
}, 60_000)

it('a daily budget of 10 under 40 concurrent calls from 4 processes makes exactly 10 calls', async () => {
  // Prepare: 40 different images, so the cache cannot answer any of them.
  const images = await imageFiles(40)
  const tenEach = [0, 1, 2, 3].map((worker) => images.slice(worker * 10, worker * 10 + 10))
  // Act
  const results = await runFleet(fleetJob({ dailyBudget: 10 }), tenEach)
  // Assess
  const codes = results.flatMap((result) => result.codes)
  expect(platformCalls()).toBe(10)
  expect(codes.filter((code) => code === 'ok')).toHaveLength(10)
  expect(codes.filter((code) => code === 'QUOTA_BUDGET_REACHED')).toHaveLength(30)
}, 60_000)

describe('in one process', () => {
  let io: IORedis
  beforeEach(async () => {
    await redis.restart()
    // Without the offline queue a command fails at once while Redis is down, instead of waiting for the
    // store's time limit (3 s), which would hold the same outcome.
    io = new IORedis(redis.port, '127.0.0.1', {
      lazyConnect: true,
      enableOfflineQueue: false,
      retryStrategy: () => 50,
    })
    io.on('error', () => undefined)
    await io.connect()
  })
  afterEach(() => io.disconnect())

  function client(
    options: {
      cacheTtlMs?: number
      dailyBudget?: number
      budgetUnchecked?: 'refuse' | 'spend'
    } = {},
  ) {
    const log = logSink()
    const ocr = createPrintedTextClient({
      ...credentials,
      baseUrl: t.cloud.origin,
      store: createRedisStore({ client: io, keyPrefix: `solo${run}:` }),
      retryQuota: new RetryQuota(),
      logger: log.logger,
      ...options,
    })
    return { ocr, lines: () => recognizeLines(log.lines) }
  }

  it('when Redis stops mid-run: refuses what it cannot count, spends when told to, logs why', async () => {
    // Prepare
    const { ocr, lines } = client({ dailyBudget: 50 })
    const spender = client({ dailyBudget: 50, budgetUnchecked: 'spend' })
    const [first, second] = await Promise.all([pngImage(330, 160), pngImage(331, 160)])
    expect((await ocr.recognize({ img: first })).ok).toBe(true)
    // Act
    await redis.stop()
    const refused = await ocr.recognize({ img: second })
    const spent = await spender.ocr.recognize({ img: second })
    // Assess
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'BUDGET_UNCHECKED', retryable: true },
    })
    expect(spent.ok).toBe(true)
    expect(platformCalls()).toBe(2)
    const [before, during] = lines()
    expect(before).toMatchObject({ cache: 'miss', outcome: 'ok' })
    expect(before?.storeErrors).toBeUndefined()
    expect(during).toMatchObject({ cache: 'error', attempts: 0, outcome: 'BUDGET_UNCHECKED' })
    for (const line of [during, ...spender.lines()]) {
      expect(line?.storeErrors).toEqual([
        expect.stringMatching(/^cache\.acquire: /),
        expect.stringMatching(/^limit\.account: /),
      ])
    }
    expect(spender.lines()[0]).toMatchObject({ cache: 'error', attempts: 1, outcome: 'ok' })
  }, 30_000)

  it('honours the TTL: after it, the same image is a new platform call', async () => {
    // Prepare
    const { ocr, lines } = client({ cacheTtlMs: 1000 })
    const img = await pngImage(340, 160)
    // Act
    await ocr.recognize({ img })
    await ocr.recognize({ img })
    const callsWithinTtl = platformCalls()
    await new Promise((resolve) => setTimeout(resolve, 1200))
    const afterTtl = await ocr.recognize({ img })
    // Assess
    expect(callsWithinTtl).toBe(1)
    expect(afterTtl.ok).toBe(true)
    expect(platformCalls()).toBe(2)
    expect(lines().map((line) => line.cache)).toEqual(['miss', 'hit', 'miss'])
  }, 30_000)
})
