// A function uploaded from DevTools runs with the platform's default limit of 3 s. Through the built
// bundle, the real SDK and a local cloud whose OCR answers late, the function reads the limit from its
// context and answers a typed TIMEOUT before the host stops it, as the platform would, at 3 s.
import { FakeEngine } from '../../emulator/ocr-service/fake-engine'
import { FunctionInvocationError } from '../../emulator/function-runner'
import { pngImage } from '../support/images/formats'
import { callFunction, errorOf } from '../support/built-function'
import { startTestCloud, type TestCloud } from '../support/local-cloud'
import { invokeProbe } from '../support/run-function'

const PLATFORM_DEFAULT_LIMIT_MS = 3000
/** The deployed defaults: a call that times out holds a cache claim, which it must give up in time. */
const WITH_CACHE = { OCR_CACHE_TTL_SECONDS: '604800' }
let e2e: TestCloud

beforeAll(async () => {
  e2e = await startTestCloud({ functions: 'built', engine: new FakeEngine() })
})
afterAll(() => e2e.stop())

/** A new image per call, so no call is answered from the cache another one filled. */
let width = 120
async function bytesEvent() {
  const png = await pngImage(width++, 60)
  return { img: { contentType: 'image/png', value: png.toString('base64') } }
}

const warnings = (stderr: string) =>
  stderr.split('\n').filter((line) => line.includes('"ocrPrintedText time limit too short"'))

test('the host stops a function at its time limit, as the platform does (the check can fail)', async () => {
  const source = 'exports.main = () => new Promise((resolve) => setTimeout(resolve, 10000))\n'
  const run = invokeProbe(e2e.cloud, source, { timeoutMs: 500 })
  await expect(run).rejects.toBeInstanceOf(FunctionInvocationError)
  await expect(run).rejects.toMatchObject({ kind: 'timeout' })
})

test('with a 3 s limit and a slow platform, it answers TIMEOUT with the fix, before it is stopped', async () => {
  e2e.cloud.faults.inject({ kind: 'latency', ms: 10_000, times: 'always' })
  try {
    const event = await bytesEvent()
    const { reply, stderr } = await callFunction(e2e, event, {
      timeoutMs: PLATFORM_DEFAULT_LIMIT_MS,
      env: WITH_CACHE,
    })
    expect(errorOf(reply)).toMatchObject({ code: 'TIMEOUT', retryable: true })
    expect(errorOf(reply).hint).toContain('20 s')
    expect(errorOf(reply).hint).toContain('tcb fn config update')
    expect(warnings(stderr)).toHaveLength(1)
    // The abandoned call gave its cache claim up: the same image is recognized at once afterwards.
    e2e.cloud.faults.clear()
    const again = await callFunction(e2e, event, {
      timeoutMs: PLATFORM_DEFAULT_LIMIT_MS,
      env: WITH_CACHE,
    })
    expect(again.reply.ok ? 'ok' : again.reply.error).toBe('ok')
  } finally {
    e2e.cloud.faults.clear()
  }
})

test('with a 3 s limit and a platform in time, it recognizes as usual (and still warns)', async () => {
  const { reply, stderr } = await callFunction(e2e, await bytesEvent(), {
    timeoutMs: PLATFORM_DEFAULT_LIMIT_MS,
  })
  expect(reply.ok ? 'ok' : reply.error).toBe('ok')
  expect(warnings(stderr)).toHaveLength(1)
})

test('with the recommended 20 s, nothing is cut and nothing is said', async () => {
  const { reply, stderr } = await callFunction(e2e, await bytesEvent(), { timeoutMs: 20_000 })
  expect(reply.ok ? 'ok' : reply.error).toBe('ok')
  expect(warnings(stderr)).toEqual([])
})
