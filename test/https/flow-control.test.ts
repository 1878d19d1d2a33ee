// The client's flow control and retry quota against the local cloud: at most maxConcurrency requests in
// flight, an attempt's timer started when it is sent (not while it waits), a caller's AbortSignal honoured
// in the queue, and a storm of failures retried only as far as the process's retry quota allows.
import { createPrintedTextClient, RetryQuota, type PrintedTextClient } from '../../src/https'
import { OCR_PATH } from '../../src/https/endpoints'
import type { RecognizeLogLine } from '../../src/https/log-line'
import type { RetryPolicy } from '../../src/retry/policy'
import { startTestCloud, type TestCloud } from '../support/local-cloud'
import { FAST_POLICY, logSink, testCredentials, NO_CACHE } from '../support/https-client'
import { pngImage } from '../support/images/formats'

let t: TestCloud
let png: Buffer
const credentials = testCredentials()
/** Attempts that may take 2 s: room for a slow shared machine, far above the latencies injected here. */
const POLICY: RetryPolicy = { ...FAST_POLICY, attemptTimeoutMs: 2000 }
/** OCR requests in flight right now, and the most seen at once, as the client's fetch saw them. */
let inFlight = 0
let peak = 0

const countingFetch: typeof fetch = async (input, init) => {
  const isOcr = new URL(input instanceof Request ? input.url : String(input)).pathname === OCR_PATH
  if (isOcr) peak = Math.max(peak, ++inFlight)
  try {
    return await fetch(input, init)
  } finally {
    if (isOcr) inFlight--
  }
}

function client(options: {
  fetch?: typeof fetch
  maxConcurrency?: number
  retryPolicy?: RetryPolicy
  logger?: ReturnType<typeof logSink>['logger']
}): PrintedTextClient {
  return createPrintedTextClient({
    ...credentials,
    baseUrl: t.cloud.origin,
    fetch: countingFetch,
    retryPolicy: POLICY,
    retryQuota: new RetryQuota(),
    ...NO_CACHE,
    ...options,
  })
}

const ocrRequests = () => t.cloud.requests.count('ocr-https')
const codes = (replies: Array<{ ok: boolean; error?: { code: string } }>) =>
  replies.map((reply) => (reply.ok ? 'ok' : (reply.error?.code ?? '?')))

beforeAll(async () => {
  png = await pngImage()
})
beforeEach(async () => {
  t = await startTestCloud({ quiet: true, credentials })
  inFlight = 0
  peak = 0
})
afterEach(() => t.stop())

test('at most 4 requests in flight by default; the rest wait their turn and all succeed', async () => {
  // Prepare: each OCR answer takes 150 ms.
  t.cloud.faults.inject({ kind: 'latency', ms: 150, on: 'https', times: 'always' })
  const ocr = client({})
  // Act
  const replies = await Promise.all(Array.from({ length: 12 }, () => ocr.recognize({ img: png })))
  // Assess
  expect(codes(replies)).toEqual(Array(12).fill('ok'))
  expect(peak).toBe(4)
  expect(ocrRequests()).toBe(12)
})

test("an attempt's timer starts when it is sent: a long queue is no timeout", async () => {
  // Prepare: one at a time, each answer held 250 ms, a 600 ms attempt limit: sent one after the other,
  // the fifth call waits at least 4 x 250 ms in the queue, longer than an attempt may take.
  t.cloud.faults.inject({ kind: 'latency', ms: 250, on: 'https', times: 'always' })
  const log = logSink()
  const policy = { ...FAST_POLICY, attemptTimeoutMs: 600 }
  const ocr = client({ maxConcurrency: 1, logger: log.logger, retryPolicy: policy })
  // Act
  const replies = await Promise.all(Array.from({ length: 5 }, () => ocr.recognize({ img: png })))
  // Assess
  expect(peak).toBe(1)
  expect(codes(replies)).toEqual(Array(5).fill('ok'))
  expect(ocrRequests()).toBe(5)
  const attempts = log.lines
    .filter((line): line is RecognizeLogLine => line.event === 'recognize')
    .map((line) => line.attempts)
  expect(attempts).toEqual([1, 1, 1, 1, 1])
})

test("a caller's AbortSignal takes its call out of the queue: ABORTED, nothing sent", async () => {
  // Prepare: one slot, held for 600 ms by the first call. The image checks run off the main thread, so
  // the second call starts once the first has taken the slot and sent its request.
  t.cloud.faults.inject({ kind: 'latency', ms: 600, on: 'https', times: 1 })
  let firstSent: () => void = () => undefined
  const sent = new Promise<void>((resolve) => (firstSent = resolve))
  const signalling: typeof fetch = (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input))
    if (url.pathname === OCR_PATH) firstSent()
    return countingFetch(input, init)
  }
  const ocr = client({ maxConcurrency: 1, fetch: signalling })
  const first = ocr.recognize({ img: png })
  await sent
  // Act
  const second = await ocr.recognize({ img: png }, { signal: AbortSignal.timeout(100) })
  // Assess
  expect(second).toMatchObject({ ok: false, error: { code: 'ABORTED', retryable: false } })
  expect(!second.ok && second.error.message).toMatch(/waited for a free slot.*TimeoutError/)
  expect((await first).ok).toBe(true)
  expect(ocrRequests()).toBe(1)
})

test('a storm of -1: 20 calls make 30 requests, not 60 (the retry quota pays 10 retries)', async () => {
  // Prepare
  t.cloud.faults.inject({ kind: 'errcode', errcode: -1, on: 'https', times: 'always' })
  const log = logSink()
  const ocr = client({ logger: log.logger })
  // Act: one after another, so the count does not depend on timing.
  const replies = []
  for (let i = 0; i < 20; i++) replies.push(await ocr.recognize({ img: png }))
  // Assess
  expect(codes(replies)).toEqual(Array(20).fill('SYSTEM_BUSY'))
  expect(ocrRequests()).toBe(20 + 10)
  const throttled = log.lines.filter((line) => line.event === 'recognize' && line.retryThrottled)
  expect(throttled).toHaveLength(15)
  expect(!replies[19]?.ok && replies[19]?.error.message).toMatch(/retry quota is spent/)
})
