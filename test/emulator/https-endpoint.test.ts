// The HTTPS API (/cv/ocr/comm) and the token routes, driven with fetch and with the seeds' curl commands.
import { execFile } from 'node:child_process'
import { promises as fs } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'

import sharp from 'sharp'

import { MALFORMED_JSON } from '../../emulator/gateway/openapi'
import { WECHAT_ERRORS, type WechatErrorName } from '../../emulator/ocr-service/wechat-errors'
import { startTestCloud, type TestCloud } from '../support/local-cloud'
import { oversizedPng, pngImage } from '../support/images/formats'
import { serveFiles, type LoopbackServer } from '../support/loopback-server'

const run = promisify(execFile)

function imageForm(bytes: Buffer, name = 'test.png', type = 'image/png'): FormData {
  const form = new FormData()
  form.append('img', new Blob([new Uint8Array(bytes)], { type }), name)
  return form
}

async function json(response: Response): Promise<Record<string, unknown>> {
  return (await response.json()) as Record<string, unknown>
}

function expectWechatError(body: Record<string, unknown>, name: WechatErrorName): void {
  expect(body['errcode']).toBe(WECHAT_ERRORS[name].errcode)
  expect(String(body['errmsg'])).toMatch(new RegExp(`^${WECHAT_ERRORS[name].errmsg} rid: \\S+$`))
  expect(Object.keys(body).sort()).toEqual(['errcode', 'errmsg'])
}

describe('HTTPS endpoint /cv/ocr/comm', () => {
  let t: TestCloud
  let files: LoopbackServer
  let png: Buffer
  let jpeg: Buffer
  let token: string
  // 12:00 UTC is 20:00 in Beijing, four hours before the platform's quota day turns.
  const START = Date.UTC(2026, 0, 1, 12)
  const clock = { time: START, now: () => clock.time }

  const ocrUrl = (query: Record<string, string>) =>
    `${t.cloud.ocrEndpoint}?${new URLSearchParams(query).toString()}`

  beforeAll(async () => {
    png = await pngImage(400, 300)
    jpeg = await sharp({ create: { width: 640, height: 360, channels: 3, background: '#e0f0ff' } })
      .jpeg()
      .toBuffer()
    files = await serveFiles({ '/scan.jpg': { type: 'image/jpeg', body: jpeg } })
  })
  beforeEach(async () => {
    clock.time = START
    t = await startTestCloud({ clock })
    token = t.cloud.issueToken().access_token
  })
  afterEach(() => t.stop())
  afterAll(() => files.close())

  it('recognizes an uploaded img and answers exactly the platform keys', async () => {
    // Act
    const response = await fetch(ocrUrl({ access_token: token }), {
      method: 'POST',
      body: imageForm(png),
    })
    // Assess
    const body = await json(response)
    expect(response.status).toBe(200)
    expect(Object.keys(body)).toEqual(['errcode', 'errmsg', 'items', 'img_size'])
    expect(body).toMatchObject({ errcode: 0, errmsg: 'ok', img_size: { w: 400, h: 300 } })
    expect(Object.keys((body['items'] as { pos: object }[])[0]?.pos ?? {})).toEqual([
      'left_top',
      'right_top',
      'right_bottom',
      'left_bottom',
    ])
  })

  it('downloads img_url from the query string, by GET as the seed example sends it', async () => {
    const response = await fetch(
      ocrUrl({ img_url: `${files.origin}/scan.jpg`, access_token: token }),
    )
    expect(await json(response)).toMatchObject({ errcode: 0, img_size: { w: 640, h: 360 } })
    expect(files.hits).toContain('/scan.jpg')
  })

  it('runs both seed curl examples verbatim', async () => {
    // Prepare: the literal commands, with only the host, token and URL filled in.
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'localcloud-curl-'))
    await fs.writeFile(path.join(dir, 'test.jpg'), jpeg)
    const encodeUrl = encodeURIComponent(`${files.origin}/scan.jpg`)
    const upload = `curl -F 'img=@test.jpg' "${t.cloud.origin}/cv/ocr/comm?access_token=${token}"`
    const byUrl = `curl "${t.cloud.origin}/cv/ocr/comm?img_url=${encodeUrl}&access_token=${token}"`
    const env = { PATH: process.env['PATH'] ?? '/usr/bin:/bin' }
    try {
      // Act
      const first = await run('sh', ['-c', upload], { cwd: dir, env })
      const second = await run('sh', ['-c', byUrl], { cwd: dir, env })
      // Assess
      for (const { stdout } of [first, second]) {
        expect(JSON.parse(stdout)).toMatchObject({ errcode: 0, img_size: { w: 640, h: 360 } })
      }
    } finally {
      await fs.rm(dir, { recursive: true, force: true })
    }
  })

  it('answers 41005 when img_url is put in the body instead of the query', async () => {
    const response = await fetch(ocrUrl({ access_token: token }), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ img_url: `${files.origin}/scan.jpg` }),
    })
    expectWechatError(await json(response), 'mediaMissing')
  })

  it('answers 41001, 40001 and 42001 for a missing, unknown and expired token', async () => {
    // Prepare
    const form = () => ({ method: 'POST', body: imageForm(png) })
    // Act
    const missing = await json(await fetch(t.cloud.ocrEndpoint, form()))
    const unknown = await json(await fetch(ocrUrl({ access_token: 'nope' }), form()))
    clock.time += 7200 * 1000
    const expired = await json(await fetch(ocrUrl({ access_token: token }), form()))
    // Assess
    expectWechatError(missing, 'accessTokenMissing')
    expectWechatError(unknown, 'invalidCredential')
    expectWechatError(expired, 'accessTokenExpired')
    expect(t.engine.calls).toBe(0)
  })

  it.each([
    ['a host beyond loopback', 'http://api.example.com/a.jpg', 'invalidImageUrl'],
    ['an unreachable port', 'http://127.0.0.1:1/a.jpg', 'invalidImageUrl'],
  ] as const)('answers 101000 for img_url on %s', async (_what, imgUrl, error) => {
    const response = await fetch(ocrUrl({ img_url: imgUrl, access_token: token }))
    expectWechatError(await json(response), error)
  })

  it('answers 101002 for an upload over 2 MB and for garbage', async () => {
    const big = await fetch(ocrUrl({ access_token: token }), {
      method: 'POST',
      body: imageForm(await oversizedPng()),
    })
    const garbage = await fetch(ocrUrl({ access_token: token }), {
      method: 'POST',
      body: imageForm(Buffer.from('GIF89a but not really'), 'x.gif', 'image/gif'),
    })
    expectWechatError(await json(big), 'imageTooLarge')
    expectWechatError(await json(garbage), 'decodeFailed')
  })

  it('answers 45009 when the quota is spent, until midnight in Beijing', async () => {
    // Prepare
    t.cloud.quota.limit = 1
    const call = () =>
      fetch(ocrUrl({ access_token: token }), { method: 'POST', body: imageForm(png) })
    // Act
    const first = await json(await call())
    const spent = await json(await call())
    clock.time += 4 * 3600 * 1000 - 1
    token = t.cloud.issueToken().access_token
    const lastMs = await json(await call())
    clock.time += 1
    const nextDay = await json(await call())
    // Assess
    expect(first).toMatchObject({ errcode: 0 })
    expectWechatError(spent, 'dailyQuotaReached')
    expectWechatError(lastMs, 'dailyQuotaReached')
    expect(nextDay).toMatchObject({ errcode: 0 })
  })

  it('applies faults: errcode, empty body, malformed body, dropped connection', async () => {
    const call = () =>
      fetch(ocrUrl({ access_token: token }), { method: 'POST', body: imageForm(png) })
    t.cloud.faults.inject({ kind: 'errcode', errcode: -1, on: 'https' })
    t.cloud.faults.inject({ kind: 'empty-body' })
    t.cloud.faults.inject({ kind: 'malformed-body' })
    t.cloud.faults.inject({ kind: 'drop-connection' })
    expectWechatError(await json(await call()), 'systemBusy')
    expect(await (await call()).text()).toBe('')
    expect(await (await call()).text()).toBe(MALFORMED_JSON)
    await expect(call()).rejects.toThrow()
    expect(await json(await call())).toMatchObject({ errcode: 0 })
    expect(t.cloud.requests.count('ocr-https')).toBe(5)
  })
})

describe('token routes', () => {
  let t: TestCloud
  const credentials = { appId: 'wx0123456789abcdef', appSecret: 's3cret' }

  beforeEach(async () => {
    t = await startTestCloud({ credentials })
  })
  afterEach(() => t.stop())

  const getToken = async (appid: string, secret: string) =>
    json(
      await fetch(
        `${t.cloud.origin}/cgi-bin/token?grant_type=client_credential&appid=${appid}&secret=${secret}`,
      ),
    )
  const stableToken = async (body: unknown) =>
    json(
      await fetch(`${t.cloud.origin}/cgi-bin/stable_token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }),
    )

  it('issues a token that the OCR endpoint accepts', async () => {
    const issued = await getToken(credentials.appId, credentials.appSecret)
    expect(issued).toEqual({ access_token: expect.any(String), expires_in: 7200 })
    const form = new FormData()
    form.append('img', new Blob([new Uint8Array(await pngImage(10, 10))]), 'a.png')
    const url = `${t.cloud.ocrEndpoint}?access_token=${String(issued['access_token'])}`
    expect(await json(await fetch(url, { method: 'POST', body: form }))).toMatchObject({
      errcode: 0,
    })
    expect(t.cloud.requests.count('token')).toBe(1)
  })

  it('refuses a wrong appid or secret with the platform codes', async () => {
    expectWechatError(await getToken('wxwrong', credentials.appSecret), 'invalidAppId')
    expectWechatError(await getToken(credentials.appId, 'wrong'), 'invalidAppSecret')
    expectWechatError(
      await stableToken({ grant_type: 'client_credential', appid: credentials.appId }),
      'appSecretMissing',
    )
    expectWechatError(await stableToken('{not json'), 'dataFormatError')
  })

  it('keeps the stable token until a refresh is forced', async () => {
    const body = { grant_type: 'client_credential', appid: credentials.appId, secret: 's3cret' }
    const first = await stableToken(body)
    const second = await stableToken(body)
    const forced = await stableToken({ ...body, force_refresh: true })
    expect(second['access_token']).toBe(first['access_token'])
    expect(forced['access_token']).not.toBe(first['access_token'])
    expect(t.cloud.requests.count('stable-token')).toBe(3)
  })
})
