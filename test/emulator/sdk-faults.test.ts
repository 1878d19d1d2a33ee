// Injected faults as the real wx-server-sdk sees them through the gateway wire.
import { FunctionInvocationError, invokeFunction } from '../../emulator/function-runner'
import { MALFORMED_JSON } from '../../emulator/gateway/openapi'
import { FIXTURE_FUNCTIONS_ROOT, startTestCloud, type TestCloud } from '../support/local-cloud'
import { LOOPBACK_GUARD_ENV } from '../support/child-guard'
import { pngImage } from '../support/images/formats'
import { callFixture, callFixtureMany, expectCaught } from '../support/fixture-function'

const SDK_WX_SYSTEM_ERROR = -601001
const SDK_TCB_SYS_ERR = -501001

describe('faults through the real wx-server-sdk', () => {
  let t: TestCloud
  let imageBase64: string

  beforeAll(async () => {
    imageBase64 = (await pngImage(200, 100)).toString('base64')
  })
  beforeEach(async () => {
    t = await startTestCloud()
  })
  afterEach(() => t.stop())

  it('fails the next N calls with the injected errcode, then recovers', async () => {
    // Prepare
    t.cloud.faults.inject({ kind: 'errcode', errcode: -1, times: 2 })
    // Act
    const outcomes = await callFixtureMany(t, { each: 'ocrBytes', times: 3, imageBase64 })
    // Assess
    const failed = outcomes.flatMap((o) => (o.ok ? [] : [o.own]))
    expect(failed).toEqual([
      {
        errCode: -1,
        errMsg: expect.stringMatching(/^openapi\.ocr\.printedText:fail system error/),
      },
      {
        errCode: -1,
        errMsg: expect.stringMatching(/^openapi\.ocr\.printedText:fail system error/),
      },
    ])
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1)
    expect(t.cloud.faults.list()).toEqual([])
    // Faults answer before the quota is touched: only the real call counts.
    expect(t.cloud.quota.used).toBe(1)
  })

  it('carries a custom errcode and errmsg', async () => {
    t.cloud.faults.inject({ kind: 'errcode', errcode: 101003, errmsg: 'not enough market quota' })
    const caught = expectCaught(await callFixture(t, { op: 'ocrBytes', imageBase64 }))
    expect(caught.own['errCode']).toBe(101003)
    expect(caught.own['errMsg']).toMatch(/:fail not enough market quota rid: /)
  })

  it('returns an empty body as the SDK does: no items, an empty buffer, errCode 0', async () => {
    t.cloud.faults.inject({ kind: 'empty-body' })
    const outcome = await callFixture(t, { op: 'ocrBytes', imageBase64 })
    expect(outcome).toEqual({
      ok: true,
      value: {
        contentType: '',
        buffer: { type: 'Buffer', data: [] },
        errCode: 0,
        errMsg: 'openapi.ocr.printedText:ok',
      },
    })
  })

  it('makes the SDK throw on a malformed body', async () => {
    t.cloud.faults.inject({ kind: 'malformed-body' })
    const caught = expectCaught(await callFixture(t, { op: 'ocrBytes', imageBase64 }))
    // -601001 is the SDK's own WX_SYSTEM_ERROR, not a code from the reply.
    expect(caught.own['errCode']).toBe(SDK_WX_SYSTEM_ERROR)
    expect(caught.own['errMsg']).toContain(`response body is invalid json: ${MALFORMED_JSON}`)
  })

  it('makes the SDK throw when the connection drops', async () => {
    t.cloud.faults.inject({ kind: 'drop-connection' })
    const caught = expectCaught(await callFixture(t, { op: 'ocrBytes', imageBase64 }))
    // The SDK reports a lost connection as a TCB resource error.
    expect(caught.own['errCode']).toBe(SDK_TCB_SYS_ERR)
    expect(caught.message).toMatch(/socket hang up|ECONNRESET/)
    const next = await callFixture(t, { op: 'ocrBytes', imageBase64 })
    expect(next.ok).toBe(true)
  })

  it('adds latency, and a function with a shorter budget times out and is killed', async () => {
    // Prepare
    const latencyMs = 4000
    t.cloud.faults.inject({ kind: 'latency', ms: latencyMs, times: 2 })
    const invoke = (timeoutMs: number) =>
      invokeFunction({
        functionDir: `${FIXTURE_FUNCTIONS_ROOT}/ocrFixture`,
        functionName: 'ocrFixture',
        event: { op: 'ocrBytes', imageBase64 },
        cloud: t.cloud,
        timeoutMs,
        extraEnv: LOOPBACK_GUARD_ENV,
      })
    // Act
    const slow = await invoke(30_000)
    const timedOut = await invoke(1500).catch((error: unknown) => error)
    // Assess
    expect(slow.durationMs).toBeGreaterThanOrEqual(latencyMs)
    expect(slow.result).toMatchObject({ ok: true })
    expect(timedOut).toBeInstanceOf(FunctionInvocationError)
    expect(timedOut).toMatchObject({ kind: 'timeout' })
  })

  it('leaves the gateway alone for a fault aimed at the HTTPS endpoint', async () => {
    t.cloud.faults.inject({ kind: 'errcode', errcode: -1, on: 'https' })
    const outcome = await callFixture(t, { op: 'ocrBytes', imageBase64 })
    expect(outcome.ok).toBe(true)
    expect(t.cloud.faults.list()).toHaveLength(1)
  })
})
