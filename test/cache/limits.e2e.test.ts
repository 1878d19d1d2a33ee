// The per-user daily limit and the account budget through the built function and the real SDK: exact
// under concurrency, cache hits and bad input free, and the budget stops calls before the platform's
// own quota (45009) is reached.
import { quotaDay } from '../../src/quota/day'
import { callFunction, errorCode } from '../support/built-function'
import { startTestCloud, uploadImage, type TestCloud } from '../support/local-cloud'

let t: TestCloud
afterEach(() => t.stop())

const BEIJING_MIDNIGHT = /^\d{4}-\d{2}-\d{2}T00:00:00\+08:00$/

test('limit 5: 12 concurrent calls with different images → exactly 5 recognized', async () => {
  // Prepare
  t = await startTestCloud({ functions: 'built', guard: true })
  const openid = 'oBusyUser'
  const images = await Promise.all(
    Array.from({ length: 12 }, (_, i) => uploadImage(t.cloud, openid, i)),
  )
  const env = { OCR_USER_DAILY_LIMIT: '5' }
  // Act
  const calls = await Promise.all(
    images.map(({ fileID }) => callFunction(t, { fileID }, { openid, env })),
  )
  // Assess
  const codes = calls.map(({ reply }) => errorCode(reply))
  expect(codes.filter((code) => code === 'ok')).toHaveLength(5)
  expect(codes.filter((code) => code === 'USER_LIMIT_REACHED')).toHaveLength(7)
  expect(t.platformCalls()).toBe(5)
  const refused = calls.find(({ reply }) => !reply.ok)?.reply
  expect(refused?.ok === false && refused.error.resetsAt).toMatch(BEIJING_MIDNIGHT)
  expect(refused?.ok === false && refused.error.message).toContain('resets at')
  const counter = t.cloud.database
    .documents('ocr_counters')
    .find((doc) => doc._id === `user-${quotaDay(Date.now())}-${openid}`)
  expect(counter?.count).toBe(5)
}, 120_000)

test('a user over the limit still gets cached images; another user is not affected', async () => {
  t = await startTestCloud({ functions: 'built', guard: true })
  const env = { OCR_USER_DAILY_LIMIT: '1' }
  const first = await uploadImage(t.cloud, 'oA', 1)
  const second = await uploadImage(t.cloud, 'oA', 2)
  expect((await callFunction(t, { fileID: first.fileID }, { openid: 'oA', env })).reply.ok).toBe(
    true,
  )
  const over = await callFunction(t, { fileID: second.fileID }, { openid: 'oA', env })
  const cached = await callFunction(t, { fileID: first.fileID }, { openid: 'oA', env })
  const other = await uploadImage(t.cloud, 'oB', 3)
  const otherUser = await callFunction(t, { fileID: other.fileID }, { openid: 'oB', env })
  expect(errorCode(over.reply)).toBe('USER_LIMIT_REACHED')
  expect(cached.reply).toMatchObject({ ok: true, cached: true })
  expect(otherUser.reply.ok).toBe(true)
  expect(t.platformCalls()).toBe(2)
})

test('calls without an OPENID count under their own key', async () => {
  t = await startTestCloud({ functions: 'built', guard: true })
  const env = { OCR_USER_DAILY_LIMIT: '1' }
  const a = await uploadImage(t.cloud, 'x', 1)
  const b = await uploadImage(t.cloud, 'x', 2)
  const img = (bytes: Buffer) => ({
    img: { contentType: 'image/png', value: bytes.toString('base64') },
  })
  expect((await callFunction(t, img(a.bytes), { env })).reply.ok).toBe(true)
  expect(errorCode((await callFunction(t, img(b.bytes), { env })).reply)).toBe('USER_LIMIT_REACHED')
  const ids = t.cloud.database.documents('ocr_counters').map((doc) => doc._id)
  expect(ids).toContain(`user-${quotaDay(Date.now())}-no-openid`)
})

test('bad input counts against nothing', async () => {
  t = await startTestCloud({ functions: 'built', guard: true })
  const bad = await callFunction(t, {
    img: { contentType: 'image/png', value: 'bm90IGFuIGltYWdl' },
  })
  expect(errorCode(bad.reply)).toBe('UNSUPPORTED_IMAGE')
  expect(t.cloud.database.documents('ocr_counters')).toEqual([])
  expect(t.cloud.database.documents('ocr_cache')).toEqual([])
})

test('budget 3: the 4th new image is refused before the platform quota, cache hits still answer', async () => {
  // Prepare: the platform would allow 4 calls; the budget must stop at 3.
  t = await startTestCloud({ functions: 'built', guard: true, dailyQuota: 4 })
  const env = { OCR_DAILY_BUDGET: '3' }
  const images = await Promise.all(
    Array.from({ length: 6 }, (_, i) => uploadImage(t.cloud, `oUser${i}`, i)),
  )
  // Act: 6 users, 6 new images, at once.
  const calls = await Promise.all(
    images.map(({ fileID }, i) => callFunction(t, { fileID }, { openid: `oUser${i}`, env })),
  )
  // Assess
  const codes = calls.map(({ reply }) => errorCode(reply))
  expect(codes.filter((code) => code === 'ok')).toHaveLength(3)
  expect(codes.filter((code) => code === 'QUOTA_BUDGET_REACHED')).toHaveLength(3)
  expect(t.platformCalls()).toBe(3)
  const refused = calls.find(({ reply }) => !reply.ok)?.reply
  expect(refused?.ok === false && refused.error.resetsAt).toMatch(BEIJING_MIDNIGHT)
  // A refused user got their unit back: the budget, not they, was at fault.
  const index = codes.indexOf('QUOTA_BUDGET_REACHED')
  const user = t.cloud.database
    .documents('ocr_counters')
    .find((doc) => doc._id === `user-${quotaDay(Date.now())}-oUser${index}`)
  expect(user?.count).toBe(0)
  // A recognized image is still answered, at no cost.
  const done = images[codes.indexOf('ok')]
  const hit = await callFunction(
    t,
    { fileID: done?.fileID },
    { openid: `oUser${codes.indexOf('ok')}`, env },
  )
  expect(hit.reply).toMatchObject({ ok: true, cached: true })
  expect(t.platformCalls()).toBe(3)
}, 120_000)

test('retries are charged to the budget: it tracks the platform calls made', async () => {
  t = await startTestCloud({
    functions: 'built',
    guard: true,
    faults: [{ kind: 'errcode', errcode: -1, times: 2 }],
  })
  const { fileID } = await uploadImage(t.cloud, 'oRetry', 1)
  const env = { OCR_RETRY_BUDGET_MS: '5000' }
  const call = await callFunction(t, { fileID }, { openid: 'oRetry', env })
  expect(call.reply.ok).toBe(true)
  expect(call.log).toMatchObject({ attempts: 3, retries: 2 })
  const account = t.cloud.database
    .documents('ocr_counters')
    .find((doc) => doc._id === `account-${quotaDay(Date.now())}`)
  expect(account?.count).toBe(3)
  expect(t.platformCalls()).toBe(3)
})
