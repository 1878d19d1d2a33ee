// No web page can drive the local cloud: Host names other than loopback ones (DNS rebinding), requests from
// another origin, and JSON routes fed non-JSON bodies are refused; the SDK, the HTTPS client and curl, which
// send loopback Hosts and no Origin, are answered as before.
import { promises as fs } from 'node:fs'
import path from 'node:path'

import { isHostAllowed } from '../../emulator/server/request-guard'
import { head, rawExchange } from './raw-http'
import { startTestCloud, type TestCloud } from '../support/local-cloud'

describe('isHostAllowed', () => {
  it.each([
    'localhost',
    'localhost:3000',
    'LOCALHOST:3000',
    'app.localhost:3000',
    '127.0.0.1:3000',
    '127.1.2.3',
    '[::1]:3000',
    '[::1]',
  ])('allows the loopback name %s', (host) => {
    expect(isHostAllowed(host, [])).toBe(true)
  })

  it.each([
    undefined,
    '',
    'attacker.example',
    'attacker.example:3000',
    'localhost.attacker.example',
    '127.0.0.1.nip.io',
    '192.168.1.20:3000',
    '[::2]:3000',
    '[::1',
    'localhost:3000/path',
  ])('refuses %j', (host) => {
    expect(isHostAllowed(host, [])).toBe(false)
  })

  it('allows names from the list, and subdomains for a leading dot', () => {
    const list = ['192.168.1.20', 'devbox.lan', '.dev.example']
    expect(isHostAllowed('192.168.1.20:3000', list)).toBe(true)
    expect(isHostAllowed('DEVBOX.lan:3000', list)).toBe(true)
    expect(isHostAllowed('phone.dev.example', list)).toBe(true)
    expect(isHostAllowed('dev.example', list)).toBe(true)
    expect(isHostAllowed('sub.devbox.lan', list)).toBe(false)
    expect(isHostAllowed('notdev.example', list)).toBe(false)
  })
})

describe('the guard on a running local cloud', () => {
  let t: TestCloud
  let port: number
  beforeEach(async () => {
    t = await startTestCloud({ allowedHosts: ['devbox.lan'] })
    port = t.cloud.port
  })
  afterEach(() => t.stop())

  /** A raw request with exactly these headers (no default Host). */
  function send(requestLine: string, headers: Record<string, string>, body = '') {
    const lines = [requestLine, 'Connection: close', `Content-Length: ${Buffer.byteLength(body)}`]
    for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`)
    return rawExchange(port, `${lines.join('\r\n')}\r\n\r\n`, Buffer.from(body))
  }

  it('refuses a rebinding Host on every route, and answers loopback and listed names', async () => {
    for (const target of ['/', '/__admin/info', '/cgi-bin/token', '/cv/ocr/comm']) {
      const refused = await send(`GET ${target} HTTP/1.1`, { Host: `attacker.example:${port}` })
      expect([target, refused.status]).toEqual([target, 403])
      expect(refused.response).toContain('LOCALCLOUD_ALLOWED_HOSTS')
    }
    for (const host of ['localhost', '127.0.0.1', '[::1]', 'devbox.lan']) {
      const answered = await send('GET /__admin/info HTTP/1.1', { Host: `${host}:${port}` })
      expect([host, answered.status]).toEqual([host, 200])
    }
    expect((await send('GET /__admin/info HTTP/1.0', {})).status).toBe(403)
  })

  it('refuses a page of another origin, even its no-cors form posts, and changes nothing', async () => {
    // Prepare: what a page on attacker.example can send without a preflight.
    const host = { Host: `127.0.0.1:${port}` }
    const fileID = await t.cloud.putFile('ocr-uploads/someone/photo.png', Buffer.from('x'))
    const attempts: [string, Record<string, string>, string][] = [
      [
        'POST /__admin/quota',
        { 'Content-Type': 'text/plain', Origin: 'http://attacker.example' },
        '{"limit":0}',
      ],
      [
        'POST /__admin/faults',
        { 'Content-Type': 'application/json', Origin: 'http://attacker.example' },
        '{"kind":"latency","ms":600000,"times":"always"}',
      ],
      [
        'POST /__playground/run',
        { 'Content-Type': 'text/plain', Origin: 'http://localhost:5173' },
        JSON.stringify({ event: { fileID, deleteAfter: true } }),
      ],
      ['DELETE /__admin/faults', { Origin: 'null' }, ''],
      [
        'GET /cgi-bin/token?grant_type=client_credential&appid=a&secret=s',
        { 'Sec-Fetch-Site': 'cross-site', 'Sec-Fetch-Mode': 'no-cors' },
        '',
      ],
    ]
    // Act
    const statuses = []
    for (const [line, headers, body] of attempts) {
      statuses.push((await send(`${line} HTTP/1.1`, { ...host, ...headers }, body)).status)
    }
    // Assess
    expect(statuses).toEqual([403, 403, 403, 403, 403])
    expect(t.cloud.quota.limit).toBe(100)
    expect(t.cloud.faults.list()).toEqual([])
    expect(t.cloud.requests.count('admin')).toBe(0)
    const stored = path.join(t.cloud.storageDir, 'ocr-uploads', 'someone', 'photo.png')
    expect((await fs.stat(stored)).isFile()).toBe(true)
  })

  it('answers its own page: same origin, and a link followed from elsewhere', async () => {
    const own = {
      Host: `localhost:${port}`,
      Origin: `http://localhost:${port}`,
      'Content-Type': 'application/json',
      'Sec-Fetch-Site': 'same-origin',
    }
    expect((await send('POST /__admin/quota HTTP/1.1', own, '{"limit":7}')).status).toBe(200)
    expect(t.cloud.quota.limit).toBe(7)
    const navigation = { 'Sec-Fetch-Site': 'cross-site', 'Sec-Fetch-Mode': 'navigate' }
    const page = await send('GET / HTTP/1.1', { Host: `127.0.0.1:${port}`, ...navigation })
    expect(page.status).toBe(200)
  })

  it('takes only JSON bodies on its own routes, and any body on the platform routes', async () => {
    // Prepare: what curl sends for -d without -H.
    const form = { Host: `127.0.0.1:${port}`, 'Content-Type': 'application/x-www-form-urlencoded' }
    // Act
    const quota = await send('POST /__admin/quota HTTP/1.1', form, '{"limit":0}')
    const run = await send('POST /__playground/run HTTP/1.1', form, '{"imgUrl":"http://x"}')
    const stable = await send(
      'POST /cgi-bin/stable_token HTTP/1.1',
      form,
      '{"grant_type":"client_credential","appid":"wx1","secret":"s"}',
    )
    // Assess
    expect([quota.status, run.status]).toEqual([415, 415])
    expect(quota.response).toContain('application/json')
    expect(t.cloud.quota.limit).toBe(100)
    expect(stable.status).toBe(200)
    expect(stable.response).toContain('access_token')
  })

  it('answers a request with no Origin as the SDK and curl send them', async () => {
    const exchange = await rawExchange(
      port,
      head('POST /__admin/quota HTTP/1.1', port, {
        'Content-Type': 'application/json',
        'Content-Length': 11,
      }),
      Buffer.from('{"limit":3}'),
    )
    expect(exchange.status).toBe(200)
    expect(t.cloud.quota.limit).toBe(3)
  })
})
