// The access_token: issued once and cached, renewed before expiry, fetched once for any number of waiting
// calls, renewed once (never looped) when the platform refuses it, and the caller's own token honoured.
import { CLIENT_DEFAULTS } from '../../src/https/client-options'
import { DEFAULT_TOKEN_TTL_SECONDS } from '../../emulator/options'
import { classifyPlatformError } from '../../src/errors/classify'
import { createPrintedTextClient, RetryQuota } from '../../src/https'
import type { PrintedTextLogger, RecognizeLogLine } from '../../src/https/log-line'
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../../src/retry/policy'
import { refreshMarginMs } from '../../src/https/token-cache'
import type { OcrReply } from '../../src/reply/schema'
import { startTestCloud, type TestCloud } from '../support/local-cloud'
import { FAST_POLICY, logSink, testCredentials, NO_CACHE } from '../support/https-client'
import { instantClock, type InstantClock } from '../support/instant-clock'
import { pngImage } from '../support/images/formats'
import { closedOrigin } from '../support/loopback-server'

// The codes FACTS.md names for a bad or expired token, each of which must trigger one renewal.
const TOKEN_REFUSALS = [40001, 42001, 40014]

let png: Buffer
beforeAll(async () => {
  png = await pngImage()
})

function expectOk(reply: OcrReply): void {
  expect(reply.ok ? 'ok' : `${reply.error.code}: ${reply.error.message}`).toBe('ok')
}

describe('a client with appId and appSecret', () => {
  let t: TestCloud
  let clock: InstantClock
  const credentials = testCredentials()

  async function start(tokenTtlSeconds = DEFAULT_TOKEN_TTL_SECONDS): Promise<void> {
    clock = instantClock()
    t = await startTestCloud({ quiet: true, clock, credentials, tokenTtlSeconds })
  }
  const client = (options: { logger?: PrintedTextLogger; retryPolicy?: RetryPolicy } = {}) =>
    createPrintedTextClient({
      ...credentials,
      baseUrl: t.cloud.origin,
      clock,
      retryPolicy: FAST_POLICY,
      // Each test's exact call count must not depend on the retries of the ones before it.
      retryQuota: new RetryQuota(),
      ...NO_CACHE,
      ...options,
    })
  const tokenRequests = () => t.cloud.requests.count('stable-token')
  const ocrRequests = () => t.cloud.requests.count('ocr-https')

  afterEach(() => t.stop())

  it.each([DEFAULT_TOKEN_TTL_SECONDS, 60, 2])(
    'keeps a %i s token until its renewal margin, then fetches once more',
    async (ttlSeconds) => {
      // Prepare
      await start(ttlSeconds)
      // A wall-clock timeout here would retry (and move the test clock) on a busy machine: this test
      // counts token fetches, so no attempt may time out.
      const ocr = client({
        retryPolicy: { ...FAST_POLICY, attemptTimeoutMs: 60_000, budgetMs: 60_000 },
      })
      const lifetimeMs = ttlSeconds * 1000
      const renewAfterMs = lifetimeMs - refreshMarginMs(lifetimeMs)
      // Act
      expectOk(await ocr.recognize({ img: png }))
      clock.advance(renewAfterMs - 1)
      expectOk(await ocr.recognize({ img: png }))
      const beforeRenewal = tokenRequests()
      clock.advance(1)
      expectOk(await ocr.recognize({ img: png }))
      // Assess
      expect(renewAfterMs).toBeGreaterThan(0)
      expect(beforeRenewal).toBe(1)
      expect(tokenRequests()).toBe(2)
      expect(ocrRequests()).toBe(3)
    },
  )

  // Fifty images at once take the fake engine longer than the fast policy's attempt limit.
  const CONCURRENT = 50

  it('makes exactly one token request for 50 concurrent calls with a cold cache', async () => {
    // Prepare
    await start()
    const ocr = client({ retryPolicy: DEFAULT_RETRY_POLICY })
    // Act
    const replies = await Promise.all(
      Array.from({ length: CONCURRENT }, () => ocr.recognize({ img: png })),
    )
    // Assess
    replies.forEach(expectOk)
    expect(tokenRequests()).toBe(1)
    expect(ocrRequests()).toBe(CONCURRENT)
  })

  it('renews once, not 50 times, when 50 calls find their cached token expired', async () => {
    // Prepare: the platform's clock runs past the token's life while the client's does not.
    clock = instantClock()
    const platformClock = instantClock()
    t = await startTestCloud({ quiet: true, clock: platformClock, credentials })
    const ocr = client({ retryPolicy: DEFAULT_RETRY_POLICY })
    expectOk(await ocr.recognize({ img: png }))
    platformClock.advance(DEFAULT_TOKEN_TTL_SECONDS * 1000)
    // Act
    const replies = await Promise.all(
      Array.from({ length: CONCURRENT }, () => ocr.recognize({ img: png })),
    )
    // Assess
    replies.forEach(expectOk)
    expect(tokenRequests()).toBe(2)
    // Only the calls in flight when the token lapsed (maxConcurrency) are refused and repeated; the
    // queued ones start with the renewed token.
    expect(ocrRequests()).toBe(1 + CONCURRENT + CLIENT_DEFAULTS.maxConcurrency)
  })

  it.each(TOKEN_REFUSALS)('on %i renews the token once and repeats the call once', async (code) => {
    // Prepare
    await start()
    const log = logSink()
    const ocr = client({ logger: log.logger })
    expectOk(await ocr.recognize({ img: png }))
    t.cloud.faults.inject({ kind: 'errcode', errcode: code, on: 'https' })
    // Act
    const reply = await ocr.recognize({ img: png })
    // Assess
    expectOk(reply)
    expect(classifyPlatformError({ errCode: code, errMsg: '', socketCode: undefined })).toBe(
      'ACCESS_TOKEN_INVALID',
    )
    expect(tokenRequests()).toBe(2)
    expect(ocrRequests()).toBe(3)
    const last = log.lines.filter((line): line is RecognizeLogLine => line.event === 'recognize')
    expect(last.at(-1)).toMatchObject({ outcome: 'ok', tokenRenewed: true, attempts: 1 })
  })

  it('renews a token the platform expired while the cache still held it', async () => {
    // Prepare: the platform's clock runs past the token's life while the client's does not.
    clock = instantClock()
    const platformClock = instantClock()
    t = await startTestCloud({ quiet: true, clock: platformClock, credentials })
    const ocr = client()
    expectOk(await ocr.recognize({ img: png }))
    platformClock.advance(DEFAULT_TOKEN_TTL_SECONDS * 1000)
    // Act
    const reply = await ocr.recognize({ img: png })
    // Assess
    expectOk(reply)
    expect(tokenRequests()).toBe(2)
    expect(ocrRequests()).toBe(3)
  })

  it('returns a second refusal instead of looping', async () => {
    // Prepare
    await start()
    const ocr = client()
    t.cloud.faults.inject({ kind: 'errcode', errcode: 40001, times: 'always', on: 'https' })
    // Act
    const reply = await ocr.recognize({ img: png })
    // Assess
    expect(reply).toMatchObject({
      ok: false,
      error: { code: 'ACCESS_TOKEN_INVALID', errCode: 40001, retryable: false },
    })
    expect(ocrRequests()).toBe(2)
    expect(tokenRequests()).toBe(2)
  })

  it.each([
    ['appId', { appId: 'wx-not-this-account' }, 40013],
    ['appSecret', { appSecret: 'not-this-secret' }, 40125],
  ])('answers CREDENTIALS_REFUSED for a wrong %s and spends no call', async (_, wrong, code) => {
    // Prepare
    await start()
    const ocr = createPrintedTextClient({
      ...credentials,
      ...wrong,
      baseUrl: t.cloud.origin,
      clock,
    })
    // Act
    const reply = await ocr.recognize({ img: png })
    // Assess
    expect(reply).toMatchObject({
      ok: false,
      error: { code: 'CREDENTIALS_REFUSED', errCode: code, retryable: false },
    })
    expect(tokenRequests()).toBe(1)
    expect(ocrRequests()).toBe(0)
  })

  it('answers NETWORK_ERROR, retried within the policy, when the token route cannot be reached', async () => {
    // Prepare
    clock = instantClock()
    const log = logSink()
    const ocr = createPrintedTextClient({
      ...credentials,
      baseUrl: await closedOrigin(),
      clock,
      retryPolicy: FAST_POLICY,
      retryQuota: new RetryQuota(),
      logger: log.logger,
    })
    t = await startTestCloud({ quiet: true, clock })
    // Act
    const reply = await ocr.recognize({ img: png })
    // Assess
    expect(reply).toMatchObject({ ok: false, error: { code: 'NETWORK_ERROR', retryable: true } })
    const tokenLines = log.lines.filter((line) => line.event === 'access_token')
    expect(tokenLines).toHaveLength(FAST_POLICY.maxAttempts)
  })
})

describe('a client with the caller’s getAccessToken', () => {
  let t: TestCloud
  beforeEach(async () => {
    t = await startTestCloud({ quiet: true })
  })
  afterEach(() => t.stop())

  function provider() {
    const calls = { count: 0 }
    const getAccessToken = async () => {
      calls.count += 1
      return t.cloud.issueToken().access_token
    }
    return { calls, getAccessToken }
  }

  it('asks for the token on every call and never touches the token routes', async () => {
    // Prepare
    const { calls, getAccessToken } = provider()
    const ocr = createPrintedTextClient({
      getAccessToken,
      baseUrl: t.cloud.origin,
      retryQuota: new RetryQuota(),
      ...NO_CACHE,
    })
    // Act
    const replies = [await ocr.recognize({ img: png }), await ocr.recognize({ img: png })]
    // Assess
    replies.forEach(expectOk)
    expect(calls.count).toBe(2)
    expect(t.cloud.requests.count('stable-token') + t.cloud.requests.count('token')).toBe(0)
  })

  it('asks once more after a refusal, and returns a second refusal', async () => {
    // Prepare
    const { calls, getAccessToken } = provider()
    const ocr = createPrintedTextClient({
      getAccessToken,
      baseUrl: t.cloud.origin,
      retryQuota: new RetryQuota(),
      ...NO_CACHE,
    })
    t.cloud.faults.inject({ kind: 'errcode', errcode: 42001, on: 'https' })
    // Act
    const renewed = await ocr.recognize({ img: png })
    t.cloud.faults.inject({ kind: 'errcode', errcode: 42001, times: 2, on: 'https' })
    const refused = await ocr.recognize({ img: png })
    // Assess
    expectOk(renewed)
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'ACCESS_TOKEN_INVALID', errCode: 42001 },
    })
    expect(calls.count).toBe(4)
    expect(t.cloud.requests.count('ocr-https')).toBe(4)
  })

  it.each([
    ['rejects', async () => Promise.reject(new Error('token service down'))],
    ['resolves to nothing', async () => ''],
  ])('answers ACCESS_TOKEN_INVALID when getAccessToken %s, spending no call', async (_, get) => {
    // Prepare
    const ocr = createPrintedTextClient({ getAccessToken: get, baseUrl: t.cloud.origin })
    // Act
    const reply = await ocr.recognize({ img: png })
    // Assess
    expect(reply).toMatchObject({ ok: false, error: { code: 'ACCESS_TOKEN_INVALID' } })
    expect(t.cloud.requests.count('ocr-https')).toBe(0)
  })
})
