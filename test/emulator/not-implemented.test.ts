// A route the local cloud does not have answers loudly and names the route, with a status and body no
// client retries: the HTTPS client and the function report it once, as an unexpected final error.
import path from 'node:path'

import { invokeFunction } from '../../emulator/function-runner'
import { ROUTE_NAMES } from '../../emulator/server/router'
import { createPrintedTextClient } from '../../src/https'
import { FIXTURE_FUNCTIONS_ROOT, startTestCloud, type TestCloud } from '../support/local-cloud'
import { LOOPBACK_GUARD_ENV } from '../support/child-guard'

const REPO = path.join(__dirname, '..', '..')

let t: TestCloud
beforeAll(async () => {
  t = await startTestCloud({ functions: 'built' })
})
afterAll(() => t.stop())

it('answers 501 naming the method and path', async () => {
  const response = await fetch(`${t.cloud.origin}/cgi-bin/unknown?x=1`, { method: 'POST' })
  expect(response.status).toBe(501)
  const body = (await response.json()) as Record<string, unknown>
  expect(body).toMatchObject({ code: 'NOT_IMPLEMENTED' })
  expect(body['errcode']).not.toBe(-1)
  expect(String(body['errmsg'])).toContain(
    'POST /cgi-bin/unknown is not implemented by the local cloud',
  )
})

it('answers a method a route does not serve as not implemented, counted under that route', async () => {
  const before = t.cloud.requests.count('token')
  const response = await fetch(`${t.cloud.origin}/cgi-bin/token?grant_type=client_credential`, {
    method: 'POST',
  })
  expect(response.status).toBe(501)
  expect(String(((await response.json()) as Record<string, unknown>)['errmsg'])).toContain(
    'POST /cgi-bin/token is not implemented by the local cloud',
  )
  expect(t.cloud.requests.count('token')).toBe(before + 1)
})

it('counts every route of the router table, the unknown one included', async () => {
  const response = await fetch(`${t.cloud.origin}/__admin/requests`)
  const { counts } = (await response.json()) as { counts: Record<string, number> }
  expect(Object.keys(counts).sort()).toEqual([...ROUTE_NAMES].sort())
  expect(ROUTE_NAMES).toEqual(expect.arrayContaining(['gateway', 'ocr-https', 'unknown']))
})

it('the HTTPS client reports it once, not retryable', async () => {
  // Prepare: a base URL with a wrong path, as a misconfigured proxy prefix would give.
  let calls = 0
  const client = createPrintedTextClient({
    baseUrl: `${t.cloud.origin}/wrong-prefix`,
    getAccessToken: async () => 'token',
    fetch: (input, init) => {
      calls += 1
      return fetch(input, init)
    },
  })
  // Act
  const reply = await client.recognize({ imgUrl: 'http://127.0.0.1:9/a.png' })
  // Assess
  expect(reply).toMatchObject({ ok: false, error: { code: 'UPSTREAM_ERROR', retryable: false } })
  expect(reply.ok ? '' : reply.error.message).toContain(
    '/wrong-prefix/cv/ocr/comm is not implemented',
  )
  expect(calls).toBe(1)
})

it.each([
  // Without limits the OCR call is the first to reach the gateway.
  ['without limits', { OCR_DAILY_BUDGET: '0', OCR_USER_DAILY_LIMIT: '0' }, 'UPSTREAM_ERROR', false],
  // With the default budget and user limit the database is first: a check that cannot complete spends
  // nothing and says why.
  ['with the default limits', {}, 'BUDGET_UNCHECKED', true],
])(
  'the function behind a gateway URL with a wrong path reports it (%s)',
  async (_label, limits, code, retryable) => {
    const { result } = await invokeFunction({
      functionDir: path.join(REPO, 'cloudfunctions', 'ocrPrintedText'),
      functionName: 'ocrPrintedText',
      event: { imgUrl: 'http://127.0.0.1:9/a.png' },
      cloud: t.cloud,
      extraEnv: {
        ...LOOPBACK_GUARD_ENV,
        ...limits,
        TCB_CONTEXT_CNFG: JSON.stringify({ URL: `${t.cloud.origin}/nope` }),
      },
    })
    expect(result).toMatchObject({ ok: false, error: { code, retryable } })
    expect(JSON.stringify(result)).toContain('501 Not Implemented')
  },
)

it('the SDK call behind it fails once with the gateway error -501001, never -1', async () => {
  // Prepare
  const before = t.cloud.requests.count('unknown')
  // Act
  const { result } = await invokeFunction({
    functionDir: path.join(FIXTURE_FUNCTIONS_ROOT, 'ocrFixture'),
    functionName: 'ocrFixture',
    event: { op: 'ocrUrl', imgUrl: 'http://127.0.0.1:9/a.png' },
    cloud: t.cloud,
    extraEnv: {
      ...LOOPBACK_GUARD_ENV,
      TCB_CONTEXT_CNFG: JSON.stringify({ URL: `${t.cloud.origin}/nope` }),
    },
  })
  // Assess
  expect(result).toMatchObject({ ok: false, own: { errCode: -501001 } })
  expect(t.cloud.requests.count('unknown') - before).toBe(1)
})
