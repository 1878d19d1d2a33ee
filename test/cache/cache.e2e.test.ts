// The result cache through the built function and the real SDK: a repeated image is recognized once, 20
// simultaneous invocations for one new image make one platform call, entries expire, and a database that
// is down or was never set up costs the cache, never the recognition (but for a budget it cannot count).
import { callFunction, errorCode } from '../support/built-function'
import { pngImage } from '../support/images/formats'
import { startTestCloud, uploadImage, type TestCloud } from '../support/local-cloud'
import { serveFiles } from '../support/loopback-server'

const OPENID = 'oCacheUser'

let t: TestCloud
afterEach(() => t.stop())

test('a repeated image is recognized once; the second reply says cached', async () => {
  // Prepare
  t = await startTestCloud({ functions: 'built', guard: true })
  const { fileID } = await uploadImage(t.cloud, OPENID, 1)
  // Act
  const first = await callFunction(t, { fileID }, { openid: OPENID })
  const second = await callFunction(t, { fileID }, { openid: OPENID })
  // Assess
  expect(first.reply).toMatchObject({ ok: true })
  expect(first.reply.ok && first.reply.cached).toBeFalsy()
  expect(second.reply).toEqual({ ...first.reply, cached: true })
  expect(t.platformCalls()).toBe(1)
  expect(first.log).toMatchObject({ cache: 'miss', attempts: 1, retries: 0, outcome: 'ok' })
  expect(second.log).toMatchObject({ cache: 'hit', attempts: 0, outcome: 'ok' })
  // The log line never carries the recognized text or the image.
  const text = first.reply.ok ? first.reply.text : ''
  expect(first.stdout).not.toContain(text.split('\n')[0])
})

test('the same bytes sent as img hit the entry the fileID call stored', async () => {
  t = await startTestCloud({ functions: 'built', guard: true })
  const { fileID, bytes } = await uploadImage(t.cloud, OPENID, 2)
  await callFunction(t, { fileID }, { openid: OPENID })
  const img = { contentType: 'image/png', value: bytes.toString('base64') }
  const again = await callFunction(t, { img }, { openid: OPENID })
  expect(again.reply).toMatchObject({ ok: true, cached: true })
  expect(t.platformCalls()).toBe(1)
})

test('20 simultaneous invocations for one new image make exactly one platform call', async () => {
  // Prepare: the platform call takes 1.5 s, so the other invocations arrive while it is pending.
  t = await startTestCloud({
    functions: 'built',
    guard: true,
    faults: [{ kind: 'latency', ms: 1500, times: 'always' }],
  })
  const { fileID } = await uploadImage(t.cloud, OPENID, 3)
  // Act: 20 separate function processes, as the platform would run 20 concurrent calls.
  const calls = await Promise.all(
    Array.from({ length: 20 }, () => callFunction(t, { fileID }, { openid: OPENID })),
  )
  // Assess
  expect(t.platformCalls()).toBe(1)
  expect(calls.map(({ reply }) => errorCode(reply))).toEqual(Array(20).fill('ok'))
  const kinds = calls.map(({ log }) => log.cache)
  expect(kinds.filter((kind) => kind === 'miss')).toHaveLength(1)
  expect(kinds.filter((kind) => kind === 'shared').length).toBeGreaterThan(0)
  const [owner] = calls.filter(({ log }) => log.cache === 'miss')
  for (const { reply } of calls) {
    expect(reply.ok && reply.items).toEqual(owner?.reply.ok && owner.reply.items)
  }
}, 120_000)

test('an entry older than its TTL is recognized again', async () => {
  t = await startTestCloud({ functions: 'built', guard: true })
  const env = { OCR_CACHE_TTL_SECONDS: '1' }
  const { fileID } = await uploadImage(t.cloud, OPENID, 4)
  await callFunction(t, { fileID }, { openid: OPENID, env })
  const fresh = await callFunction(t, { fileID }, { openid: OPENID, env })
  await new Promise((resolve) => setTimeout(resolve, 1100))
  const expired = await callFunction(t, { fileID }, { openid: OPENID, env })
  expect(fresh.log.cache).toBe('hit')
  expect(expired.log.cache).toBe('miss')
  expect(expired.reply.ok && expired.reply.cached).toBeFalsy()
  expect(t.platformCalls()).toBe(2)
})

test('a failed recognition is not cached and frees the claim', async () => {
  t = await startTestCloud({
    functions: 'built',
    guard: true,
    faults: [{ kind: 'errcode', errcode: 101002 }],
  })
  const { fileID } = await uploadImage(t.cloud, OPENID, 5)
  const failed = await callFunction(t, { fileID }, { openid: OPENID })
  const retried = await callFunction(t, { fileID }, { openid: OPENID })
  expect(errorCode(failed.reply)).toBe('IMAGE_DECODE_FAILED')
  expect(retried.reply).toMatchObject({ ok: true })
  expect(retried.log.cache).toBe('miss')
  expect(t.platformCalls()).toBe(2)
})

test('URLs are not cached unless OCR_URL_CACHE_TTL_SECONDS opts in', async () => {
  t = await startTestCloud({ functions: 'built', guard: true })
  const files = await serveFiles({ '/u.png': { body: await pngImage(260, 90) } })
  try {
    const imgUrl = `${files.origin}/u.png`
    await callFunction(t, { imgUrl })
    const uncached = await callFunction(t, { imgUrl })
    expect(uncached.log.cache).toBe('off')
    const env = { OCR_URL_CACHE_TTL_SECONDS: '60' }
    await callFunction(t, { imgUrl }, { env })
    const cached = await callFunction(t, { imgUrl }, { env })
    expect(cached.reply).toMatchObject({ ok: true, cached: true })
    expect(t.platformCalls()).toBe(3)
  } finally {
    await files.close()
  }
})

/** No budget and no limit: only the cache uses the database, and it fails open. */
const LIMITS_OFF = { OCR_USER_DAILY_LIMIT: '0', OCR_DAILY_BUDGET: '0' }

describe('a database outage', () => {
  test.each(['error', 'drop-connection'] as const)(
    'costs the cache, never the recognition, where nothing is counted (%s)',
    async (outage) => {
      t = await startTestCloud({ functions: 'built', guard: true })
      t.cloud.database.outage = outage
      const { fileID } = await uploadImage(t.cloud, OPENID, 8)
      const call = await callFunction(t, { fileID }, { openid: OPENID, env: LIMITS_OFF })
      expect(call.reply).toMatchObject({ ok: true })
      expect(call.log.cache).toBe('error')
      expect(call.log.storeErrors?.length).toBeGreaterThan(0)
      expect(t.platformCalls()).toBe(1)
    },
  )

  test('refuses a call it cannot count (BUDGET_UNCHECKED), or spends it when told to', async () => {
    t = await startTestCloud({ functions: 'built', guard: true })
    t.cloud.database.outage = 'error'
    const { fileID } = await uploadImage(t.cloud, OPENID, 8)
    const refused = await callFunction(t, { fileID }, { openid: OPENID })
    const spent = await callFunction(
      t,
      { fileID },
      { openid: OPENID, env: { OCR_BUDGET_UNCHECKED: 'spend' } },
    )
    expect(refused.reply).toMatchObject({
      ok: false,
      error: { code: 'BUDGET_UNCHECKED', retryable: true },
    })
    expect(spent.reply).toMatchObject({ ok: true })
    expect(t.platformCalls()).toBe(1)
  })
})

describe('a new env: the function creates its collections on first use', () => {
  const CREATED = '"msg":"ocrPrintedText created collection"'
  const createCalls = () =>
    t.cloud.requests.count('gateway', (r) => r.action === 'database.addCollection')

  test('one container creates both, says so once, and the cache works from the first call', async () => {
    t = await startTestCloud({ functions: 'built', guard: true, collections: [] })
    const { fileID } = await uploadImage(t.cloud, OPENID, 9)
    const first = await callFunction(t, { fileID }, { openid: OPENID })
    expect(first.reply).toMatchObject({ ok: true })
    expect(first.log.storeErrors).toBeUndefined()
    expect(first.log.cache).toBe('miss')
    expect(t.cloud.database.collectionNames().sort()).toEqual(['ocr_cache', 'ocr_counters'])
    const created = first.stdout.split('\n').filter((line) => line.includes(CREATED))
    expect(
      created.map((line) => (JSON.parse(line) as { collection: string }).collection).sort(),
    ).toEqual(['ocr_cache', 'ocr_counters'])
    expect(createCalls()).toBe(2)
    // The next container finds them: no creation, no log line, a cache hit.
    const second = await callFunction(t, { fileID }, { openid: OPENID })
    expect(second.reply).toMatchObject({ ok: true, cached: true })
    expect(second.stdout).not.toContain(CREATED)
    expect(createCalls()).toBe(2)
    expect(t.platformCalls()).toBe(1)
  })

  test('two containers racing to create them both succeed ("already exists" is success)', async () => {
    t = await startTestCloud({ functions: 'built', guard: true, collections: [] })
    const a = await uploadImage(t.cloud, OPENID, 10)
    const b = await uploadImage(t.cloud, OPENID, 11)
    const calls = await Promise.all([
      callFunction(t, { fileID: a.fileID }, { openid: OPENID }),
      callFunction(t, { fileID: b.fileID }, { openid: OPENID }),
    ])
    for (const call of calls) {
      expect(call.reply).toMatchObject({ ok: true })
      expect(call.log.storeErrors).toBeUndefined()
    }
    const created = calls.flatMap((call) =>
      call.stdout.split('\n').filter((line) => line.includes(CREATED)),
    )
    // Each collection is created exactly once, whoever wins.
    expect(created).toHaveLength(2)
    expect(t.cloud.database.documents('ocr_counters').length).toBeGreaterThan(0)
  })

  test('a database that refuses the creation costs the cache, never the recognition', async () => {
    t = await startTestCloud({ functions: 'built', guard: true, collections: [] })
    t.cloud.database.outage = 'error'
    const { fileID } = await uploadImage(t.cloud, OPENID, 12)
    const call = await callFunction(t, { fileID }, { openid: OPENID, env: LIMITS_OFF })
    expect(call.reply).toMatchObject({ ok: true })
    expect(call.log.storeErrors?.length).toBeGreaterThan(0)
  })
})
