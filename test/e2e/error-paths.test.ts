// Every failure the platform can produce, through the built function and the real SDK: the local cloud
// produces it at the wire (faults, quota, permissions, image rules), and the function must answer the one
// typed error, retrying only what is transient. A fast fake engine stands in for OCR here.
import sharp from 'sharp'
import { FakeEngine } from '../../emulator/ocr-service/fake-engine'
import { UploadPrefixReplySchema } from '../../src/parse/upload-prefix'
import { callFunction, callFunctionRaw, errorOf } from '../support/built-function'
import { NO_PERMISSION, startTestCloud, type TestCloud } from '../support/local-cloud'
import { serveNamedFiles } from '../support/loopback-server'

const OPENID = 'oE2eUser0002'
/** A short budget so "slower than the budget" takes a second, not 18. */
const FAST_BUDGET = { OCR_RETRY_BUDGET_MS: '1500', OCR_ATTEMPT_TIMEOUT_MS: '600' }

let e2e: TestCloud
let engine: FakeEngine
let png: Buffer

beforeAll(async () => {
  engine = new FakeEngine()
  e2e = await startTestCloud({ functions: 'built', engine })
  png = await sharp({ create: { width: 64, height: 32, channels: 3, background: '#fafafa' } })
    .png()
    .toBuffer()
})

afterAll(() => e2e.stop())

beforeEach(() => {
  e2e.cloud.faults.clear()
  e2e.cloud.quota.reset()
  e2e.cloud.quota.limit = 100
  e2e.cloud.requests.clear()
})

const bytesEvent = () => ({ img: { contentType: 'image/png', value: png.toString('base64') } })

test('a function without the permission gets PERMISSION_MISSING (-604101) with the config.json hint', async () => {
  const { reply } = await callFunction(e2e, bytesEvent(), { functionName: NO_PERMISSION })
  expect(errorOf(reply)).toMatchObject({
    code: 'PERMISSION_MISSING',
    errCode: -604101,
    retryable: false,
  })
  expect(errorOf(reply).hint).toMatch(/config\.json/)
})

test('an unreachable imgUrl is INVALID_IMAGE_URL (101000)', async () => {
  const server = await serveNamedFiles({})
  const { reply } = await callFunction(e2e, { imgUrl: server.url('missing.png') })
  await server.close()
  expect(errorOf(reply)).toMatchObject({ code: 'INVALID_IMAGE_URL', errCode: 101000 })
})

test('a 101002 from the platform (an image it cannot decode) is IMAGE_DECODE_FAILED, not retried', async () => {
  // Damaged images are refused before the call (test/e2e/hostile-input); the platform may still refuse one.
  e2e.cloud.faults.inject({ kind: 'errcode', errcode: 101002, times: 1 })
  const { reply } = await callFunction(e2e, bytesEvent())
  expect(errorOf(reply)).toMatchObject({ code: 'IMAGE_DECODE_FAILED', errCode: 101002 })
  expect(e2e.platformCalls()).toBe(1)
})

test('a spent daily quota is QUOTA_EXHAUSTED (45009), not retried', async () => {
  e2e.cloud.quota.limit = 0
  const { reply } = await callFunction(e2e, bytesEvent())
  expect(errorOf(reply)).toMatchObject({
    code: 'QUOTA_EXHAUSTED',
    errCode: 45009,
    retryable: false,
  })
  expect(e2e.platformCalls()).toBe(1)
})

test('-1 once, then success: retried, one answer', async () => {
  e2e.cloud.faults.inject({ kind: 'errcode', errcode: -1, times: 1 })
  const { reply, stdout } = await callFunction(e2e, bytesEvent())
  expect(reply.ok).toBe(true)
  expect(e2e.platformCalls()).toBe(2)
  expect(stdout).toContain('"attempts":2')
})

test('-1 forever: bounded attempts, then a retryable SYSTEM_BUSY', async () => {
  e2e.cloud.faults.inject({ kind: 'errcode', errcode: -1, times: 'always' })
  const { reply } = await callFunction(e2e, bytesEvent())
  expect(errorOf(reply)).toMatchObject({ code: 'SYSTEM_BUSY', errCode: -1, retryable: true })
  expect(e2e.platformCalls()).toBe(3)
})

test.each([
  ['an empty body', 'empty-body' as const, 'UPSTREAM_ERROR', false],
  ['a malformed body', 'malformed-body' as const, 'UPSTREAM_ERROR', false],
])('%s is an UPSTREAM_ERROR, never a success', async (_label, kind, code, retryable) => {
  e2e.cloud.faults.inject({ kind, times: 'always' })
  const { reply } = await callFunction(e2e, bytesEvent())
  expect(errorOf(reply)).toMatchObject({ code, retryable })
  expect(e2e.platformCalls()).toBe(1)
})

test('a dropped connection is a retryable network failure, retried', async () => {
  e2e.cloud.faults.inject({ kind: 'drop-connection', times: 1 })
  const { reply } = await callFunction(e2e, bytesEvent())
  expect(reply.ok).toBe(true)
  expect(e2e.platformCalls()).toBe(2)
})

test('a gateway slower than the budget ends in a retryable TIMEOUT, each attempt abandoned', async () => {
  // Prepare: every answer held far longer than the budget (a function that sat one out would succeed).
  e2e.cloud.faults.inject({ kind: 'latency', ms: 600_000, times: 'always' })
  const answered = engine.calls
  // Act
  const { reply, log } = await callFunction(e2e, bytesEvent(), { env: FAST_BUDGET })
  // Assess: more than one attempt fits the budget, each one was a call, and none was waited out.
  expect(errorOf(reply)).toMatchObject({ code: 'TIMEOUT', retryable: true })
  expect(reply.ok || reply.error.message).toContain(
    `budget (${FAST_BUDGET.OCR_RETRY_BUDGET_MS} ms)`,
  )
  expect(log.attempts).toBeGreaterThanOrEqual(2)
  expect(e2e.platformCalls()).toBe(log.attempts)
  expect(engine.calls).toBe(answered)
})

test("a user cannot make the function read another user's upload", async () => {
  const fileID = await e2e.cloud.putFile('ocr-uploads/oSomeoneElse/a.png', png)
  const { reply } = await callFunction(e2e, { fileID, deleteAfter: true }, { openid: OPENID })
  expect(errorOf(reply).code).toBe('FILE_FORBIDDEN')
  expect(e2e.cloud.requests.count('gateway')).toBe(0)
  // Not deleted either: the file is still there for its owner.
  const owner = await callFunction(e2e, { fileID }, { openid: 'oSomeoneElse' })
  expect(owner.reply.ok).toBe(true)
})

test('the upload prefix comes from the caller identity', async () => {
  const result = await callFunctionRaw(e2e, { action: 'uploadPrefix' }, { openid: OPENID })
  expect(UploadPrefixReplySchema.parse(result)).toEqual({
    ok: true,
    uploadPrefix: `ocr-uploads/${OPENID}/`,
  })
})

test('invalid input never reaches the platform', async () => {
  const engineCallsBefore = engine.calls
  const { reply } = await callFunction(e2e, {
    img: { value: Buffer.from('not an image').toString('base64') },
  })
  expect(errorOf(reply).code).toBe('UNSUPPORTED_IMAGE')
  expect(e2e.cloud.requests.count('gateway')).toBe(0)
  expect(engine.calls).toBe(engineCallsBefore)
})
