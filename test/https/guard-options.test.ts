// The HTTPS client's guard options in one process: the in-memory store is the default, a TTL of 0 turns
// the cache off, the per-caller limit counts each callerKey, and a wrong option fails at creation.
import { createPrintedTextClient, createMemoryStore, RetryQuota } from '../../src/https'
import { logSink, testCredentials } from '../support/https-client'
import { pngImage } from '../support/images/formats'
import { instantClock } from '../support/instant-clock'
import { startTestCloud, type TestCloud } from '../support/local-cloud'

const credentials = testCredentials()
let t: TestCloud
beforeEach(async () => {
  t = await startTestCloud({ quiet: true, credentials })
})
afterEach(() => t.stop())

const platformCalls = (): number => t.cloud.requests.count('ocr-https')
// Each test its own retry bucket: its call count must not depend on the retries of the ones before it.
const base = () => ({
  ...credentials,
  baseUrl: t.cloud.origin,
  clock: instantClock(),
  retryQuota: new RetryQuota(),
})

it('answers a repeated image from its in-memory cache by default, and not with cacheTtlMs: 0', async () => {
  // Prepare
  const img = await pngImage()
  const log = logSink()
  const cached = createPrintedTextClient({ ...base(), logger: log.logger })
  const uncached = createPrintedTextClient({ ...base(), cacheTtlMs: 0 })
  // Act
  const first = await cached.recognize({ img })
  const repeat = await cached.recognize({ img })
  const callsCached = platformCalls()
  await uncached.recognize({ img })
  await uncached.recognize({ img })
  // Assess
  expect(first).toMatchObject({ ok: true })
  expect(repeat).toMatchObject({ ok: true, cached: true })
  expect(callsCached).toBe(1)
  expect(platformCalls()).toBe(3)
  const caches = log.lines.flatMap((line) => (line.event === 'recognize' ? [line.cache] : []))
  expect(caches).toEqual(['miss', 'hit'])
})

it('keeps a daily limit per callerKey: one caller refused, another still served', async () => {
  // Prepare
  const images = await Promise.all([321, 322, 323].map((width) => pngImage(width, 160)))
  const [a = Buffer.alloc(0), b = Buffer.alloc(0), c = Buffer.alloc(0)] = images
  const ocr = createPrintedTextClient({
    ...base(),
    store: createMemoryStore(),
    callerDailyLimit: 1,
  })
  // Act
  const alice = await ocr.recognize({ img: a }, { callerKey: 'alice' })
  const aliceAgain = await ocr.recognize({ img: b }, { callerKey: 'alice' })
  const bob = await ocr.recognize({ img: c }, { callerKey: 'bob' })
  // Assess
  expect(alice.ok && bob.ok).toBe(true)
  expect(aliceAgain).toMatchObject({ ok: false, error: { code: 'USER_LIMIT_REACHED' } })
  expect(platformCalls()).toBe(2)
})

it('gives the budget and caller units back when a cancelled call never reached the platform', async () => {
  // Prepare
  const [first, second] = await Promise.all([pngImage(324, 160), pngImage(325, 160)])
  const ocr = createPrintedTextClient({ ...base(), dailyBudget: 1, callerDailyLimit: 1 })
  const alice = { callerKey: 'alice' }
  // Act
  const cancelled = await ocr.recognize({ img: first }, { ...alice, signal: AbortSignal.abort() })
  const next = await ocr.recognize({ img: second }, alice)
  // Assess
  expect(cancelled).toMatchObject({ ok: false, error: { code: 'ABORTED' } })
  expect(next).toMatchObject({ ok: true })
  expect(platformCalls()).toBe(1)
})

it.each([
  ['store', { store: { get: () => undefined } }],
  ['cacheTtlMs', { cacheTtlMs: -1 }],
  ['dailyBudget', { dailyBudget: 1.5 }],
  ['callerDailyLimit', { callerDailyLimit: '20' }],
])('refuses a wrong %s when the client is made', (name, wrong) => {
  expect(() => createPrintedTextClient({ ...base(), ...wrong } as never)).toThrow(
    new RegExp(`^createPrintedTextClient: wrong options\n✖ .+\n  → at ${name}$`),
  )
})
