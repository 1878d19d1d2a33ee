// The local cloud as a server left open next to a browser: every malformed request gets an answer (400,
// 413, 415, 500 ...), the server keeps serving, and no socket outlives its client.
import path from 'node:path'

import { FunctionInvocationError, invokeFunction } from '../../emulator/function-runner'
import { deepJson, head, rawExchange, stalledRequest } from './raw-http'
import { FIXTURE_FUNCTIONS_ROOT, startTestCloud, type TestCloud } from '../support/local-cloud'

const MB = 1024 * 1024
const KB = 1024

let t: TestCloud
let port: number
beforeEach(async () => {
  t = await startTestCloud()
  port = t.cloud.port
})
afterEach(() => t.stop())

async function stillServes(): Promise<void> {
  const exchange = await rawExchange(port, head('GET /__admin/info HTTP/1.1', port))
  expect(exchange.status).toBe(200)
  expect(exchange.response).toContain('"service":"localcloud"')
}

/** Waits until every socket is gone; fails the test when one stays open. */
async function expectNoOpenSockets(): Promise<void> {
  for (let waited = 0; waited < 3_000; waited += 50) {
    if ((await t.cloud.openConnections()) === 0) return
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  expect(await t.cloud.openConnections()).toBe(0)
}

function post(
  target: string,
  body: Buffer,
  type = 'application/json',
): ReturnType<typeof rawExchange> {
  return rawExchange(
    port,
    head(`POST ${target} HTTP/1.1`, port, { 'Content-Type': type, 'Content-Length': body.length }),
    body,
  )
}

describe('one request does not end the server', () => {
  it.each(['/admin', '/admin/fn/ocrFixture', '/cv/ocr/comm?access_token=x'])(
    'a 17 MB POST to %s',
    async (target) => {
      const token = t.cloud.issueToken().access_token
      const exchange = await post(target.replace('=x', `=${token}`), Buffer.alloc(17 * MB, 0x61))
      // The gateway answers 413; the HTTPS API the platform's own 101002 (image size over limit).
      if (target.startsWith('/cv')) expect(exchange.response).toContain('"errcode":101002')
      else expect(exchange.status).toBe(413)
      await stillServes()
    },
  )

  it('a request target no URL parser accepts gets 400', async () => {
    const exchange = await rawExchange(port, head('GET http://[::1/ HTTP/1.1', port))
    expect(exchange.status).toBe(400)
    await stillServes()
  })

  it('an event nested 5,000 levels deep is refused before a function process starts', async () => {
    // Prepare
    let event: unknown = {}
    for (let level = 0; level < 5000; level += 1) event = { a: event }
    const before = childPids()
    // Act
    const run = invokeFunction({
      functionDir: path.join(FIXTURE_FUNCTIONS_ROOT, 'ocrFixture'),
      functionName: 'ocrFixture',
      event,
      cloud: t.cloud,
    })
    // Assess
    await expect(run).rejects.toBeInstanceOf(FunctionInvocationError)
    await expect(run).rejects.toMatchObject({ kind: 'refused' })
    expect(childPids()).toEqual(before)
  })
})

function childPids(): string[] {
  const { readFileSync } = jest.requireActual<typeof import('node:fs')>('node:fs')
  return readFileSync(`/proc/${process.pid}/task/${process.pid}/children`, 'utf8')
    .trim()
    .split(/\s+/)
    .filter((pid) => pid !== '')
}

describe('a corpus of malformed requests', () => {
  it('answers each one and keeps serving, with no socket left open', async () => {
    const token = t.cloud.issueToken().access_token
    const overLimit: [string, number, number][] = [
      ['/admin', 16 * MB + 1, 413],
      ['/cgi-bin/stable_token', 64 * KB + 1, 413],
      ['/__admin/faults', 64 * KB + 1, 413],
      ['/__admin/quota', 64 * KB + 1, 413],
      ['/__playground/run', 8 * MB + 1, 413],
    ]
    for (const [target, size, status] of overLimit) {
      const exchange = await post(target, Buffer.alloc(size, 0x20))
      expect([target, exchange.status]).toEqual([target, status])
    }
    const targets: [string, number][] = [
      ['GET http://[::1/ HTTP/1.1', 400],
      ['GET /admin/fn/%ZZ HTTP/1.1', 404],
      ['GET /__storage/%E0%A4%A?t=1&sign=x HTTP/1.1', 403],
      ['GET /__storage/..%2F..%2Fetc%2Fpasswd?t=9999999999&sign=x HTTP/1.1', 403],
      [`GET /${'a'.repeat(20_000)} HTTP/1.1`, 431],
      ['BREW /admin HTTP/1.1', 400],
      ['GET /nope HTTP/1.1', 501],
    ]
    for (const [line, status] of targets) {
      const exchange = await rawExchange(port, head(line, port))
      expect([line.slice(0, 60), exchange.status]).toEqual([line.slice(0, 60), status])
    }
    const boundary = 'multipart/form-data; boundary=xyz'
    const bodies: [string, string, string, RegExp][] = [
      ['/admin', boundary, '--xyz\r\nno header end', /INVALID_PARAM/],
      ['/admin', 'multipart/form-data', 'no boundary at all', /INVALID_PARAM/],
      [
        '/admin',
        boundary,
        '--xyz\r\nContent-Disposition: form-data; name="action"\r\n\r\nwx.openApi\r\n' +
          '--xyz\r\nContent-Disposition: form-data; name="apiName"\r\n\r\nocr.printedText\r\n' +
          '--xyz\r\nContent-Disposition: form-data; name="requestData"\r\n\r\n\xff\xff\xff\xff\x0f\r\n--xyz--',
        /requestData is no CommApiData message/,
      ],
      [`/cv/ocr/comm?access_token=${token}`, boundary, '--xyz\r\nbroken', /"errcode":41005/],
      ['/admin', 'application/json', deepJson(10_000), /nested deeper/],
      ['/__admin/faults', 'application/json', deepJson(10_000), /nested deeper/],
      ['/__playground/run', 'application/json', `{"event":${deepJson(10_000)}}`, /nested deeper/],
      ['/cgi-bin/stable_token', 'application/json', deepJson(10_000), /nested deeper/],
      [
        '/admin',
        'application/json',
        JSON.stringify({
          action: 'database.modifyDocument',
          collectionName: 'c',
          query: '{}',
          queryType: 'WHERE',
          data: deepJson(10_000),
        }),
        /nested|deeper|INVALID_PARAM/,
      ],
      ['/admin', 'application/json', '{"action": 12', /INVALID_PARAM/],
    ]
    for (const [target, type, body, expected] of bodies) {
      const exchange = await post(target, Buffer.from(body, 'latin1'), type)
      expect([target, exchange.status === undefined]).toEqual([target, false])
      expect(exchange.status).toBeLessThan(500)
      expect(exchange.response).toMatch(expected)
    }
    // Slow partial requests: a head that never ends, a body that stops short. The server still answers
    // others meanwhile, and their sockets go when their clients do.
    const stalled = await Promise.all([
      stalledRequest(port, `GET /__admin/info HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-Slow: `),
      stalledRequest(
        port,
        `${head('POST /admin HTTP/1.1', port, { 'Content-Type': 'application/json', 'Content-Length': 1000 })}{"action":`,
      ),
      stalledRequest(
        port,
        `${head('POST /__admin/quota HTTP/1.1', port, { 'Content-Type': 'application/json', 'Content-Length': 50 })}{`,
      ),
    ])
    await stillServes()
    expect(await t.cloud.openConnections()).toBeGreaterThanOrEqual(stalled.length)
    for (const socket of stalled) socket.destroy()
    await stillServes()
    await expectNoOpenSockets()
  })
})
