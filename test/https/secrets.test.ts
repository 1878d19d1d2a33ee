// A token or the AppSecret never leaves the client: not in a reply, not in a log line, not in a message
// made from a thrown error (undici quotes the request URL in some), not in a bad-options error or its stack.
import { randomBytes } from 'node:crypto'
import { inspect } from 'node:util'
import * as z from 'zod'

import { createPrintedTextClient } from '../../src/https'
import { OCR_PATH, STABLE_TOKEN_PATH } from '../../src/https/endpoints'
import type { OcrReply } from '../../src/reply/schema'
import { startTestCloud, type TestCloud } from '../support/local-cloud'
import { FAST_POLICY, logSink, spyFetch, testCredentials, NO_CACHE } from '../support/https-client'
import { instantClock } from '../support/instant-clock'
import { pngImage } from '../support/images/formats'
import { closedOrigin } from '../support/loopback-server'

let t: TestCloud
let png: Buffer
const credentials = testCredentials()

beforeAll(async () => {
  png = await pngImage()
})
beforeEach(async () => {
  t = await startTestCloud({ quiet: true, credentials })
})
afterEach(() => t.stop())

/** A fetch that fails the way undici does for a bad URL: a TypeError quoting the URL, body in the cause. */
function throwingFetch(on: string): typeof fetch {
  const real = spyFetch()
  return async (input, init) => {
    const url = String(input instanceof Request ? input.url : input)
    if (!new URL(url).pathname.endsWith(on)) return real.fetch(input, init)
    throw new TypeError(`Failed to parse URL from ${url}`, {
      cause: new Error(`body was ${typeof init?.body === 'string' ? init.body : '(form)'}`),
    })
  }
}

function messagesOf(thrown: unknown): string {
  return thrown instanceof Error ? `${thrown.message}\n${thrown.stack ?? ''}` : String(thrown)
}

describe('no secret in output', () => {
  it('keeps the AppSecret and every token out of replies, log lines and messages', async () => {
    // Prepare
    const log = logSink()
    const spy = spyFetch()
    const base = {
      ...credentials,
      baseUrl: t.cloud.origin,
      clock: instantClock(),
      logger: log.logger,
    }
    const ocr = createPrintedTextClient({
      ...base,
      fetch: spy.fetch,
      retryPolicy: FAST_POLICY,
      ...NO_CACHE,
    })
    const replies: OcrReply[] = []
    // Act
    replies.push(await ocr.recognize({ img: png }))
    const [token = ''] = [...spy.tokens]
    t.cloud.faults.inject({ kind: 'errcode', errcode: 40001, times: 2, on: 'https' })
    replies.push(await ocr.recognize({ img: png }))
    t.cloud.faults.inject({
      kind: 'errcode',
      errcode: 61234,
      errmsg: `echo ${OCR_PATH}?access_token=${token} and bare ${token}`,
      on: 'https',
    })
    replies.push(await ocr.recognize({ img: png }))
    for (const on of [OCR_PATH, STABLE_TOKEN_PATH]) {
      const broken = createPrintedTextClient({ ...base, fetch: throwingFetch(on) })
      replies.push(await broken.recognize({ img: png }))
    }
    const offline = createPrintedTextClient({ ...base, baseUrl: await closedOrigin() })
    replies.push(await offline.recognize({ img: png }))
    const caller = createPrintedTextClient({
      getAccessToken: async () => Promise.reject(new Error(`refresh of ${token} failed`)),
      baseUrl: t.cloud.origin,
      logger: log.logger,
    })
    replies.push(await caller.recognize({ img: png }))
    // Assess
    const output = JSON.stringify({ replies, lines: log.lines })
    expect(spy.tokens.size).toBeGreaterThan(0)
    expect(output).not.toContain(credentials.appSecret)
    for (const issued of spy.tokens) expect(output).not.toContain(issued)
    // Not vacuous: the URL and the body really were quoted, and masked.
    const messages = replies.flatMap((reply) => (reply.ok ? [] : [reply.error.message]))
    expect(messages.join('\n')).toContain('access_token=***')
    expect(messages.join('\n')).toContain('"secret":"***"')
    expect(messages).toHaveLength(replies.length - 1)
  })

  it('masks a secret holding "#" and a space, echoed by a token route as secret=S, whole', async () => {
    // Prepare: a token route that quotes the secret it was sent, raw, in its error message.
    const appSecret = 'Sx#9 tail-of-the-secret'
    const echoing: typeof fetch = async (input, init) => {
      const url = String(input instanceof Request ? input.url : input)
      if (!url.endsWith(STABLE_TOKEN_PATH)) return fetch(input, init)
      const errmsg = `invalid appsecret, secret=${appSecret} rid: 1`
      return new Response(JSON.stringify({ errcode: 40125, errmsg }), { status: 200 })
    }
    const log = logSink()
    const ocr = createPrintedTextClient({
      appId: credentials.appId,
      appSecret,
      baseUrl: t.cloud.origin,
      fetch: echoing,
      logger: log.logger,
    })
    // Act
    const reply = await ocr.recognize({ img: png })
    // Assess
    expect(reply).toMatchObject({ ok: false, error: { code: 'CREDENTIALS_REFUSED' } })
    const output = JSON.stringify({ reply, lines: log.lines })
    for (const part of ['Sx#9', 'tail-of-the-secret', '9 tail']) expect(output).not.toContain(part)
    expect(!reply.ok && reply.error.message).toContain('secret=*** rid: 1')
  })

  it("masks a caller's short token wherever the platform echoes it", async () => {
    // A proxy's short token, which the local cloud would refuse: the platform's answer is played here.
    const token = 'tk42'
    const echoing: typeof fetch = async () =>
      new Response(JSON.stringify({ errcode: 61234, errmsg: `echo ${token}!` }), { status: 200 })
    const ocr = createPrintedTextClient({
      getAccessToken: async () => token,
      baseUrl: t.cloud.origin,
      fetch: echoing,
    })
    const reply = await ocr.recognize({ img: png })
    expect(!reply.ok && reply.error.message).toContain('echo ***!')
    expect(JSON.stringify(reply)).not.toContain(token)
  })

  it.each([
    ['an empty appId', { appId: '', appSecret: credentials.appSecret }],
    ['a secret beside getAccessToken', { ...credentials, getAccessToken: async () => 'token' }],
    ['a secret in a bad baseUrl', { ...credentials, baseUrl: `ftp://${credentials.appSecret}@x` }],
  ])('names the option but never the secret for %s', (_, options) => {
    // Act
    let thrown: unknown
    try {
      createPrintedTextClient(options as never)
    } catch (error) {
      thrown = error
    }
    // Assess
    expect(thrown).toBeInstanceOf(TypeError)
    expect(messagesOf(thrown)).toMatch(
      /→ at (appId|baseUrl)|Unrecognized keys: "appId", "appSecret"/,
    )
    expect((thrown as TypeError).cause).toBeInstanceOf(z.ZodError)
    expect(JSON.stringify((thrown as TypeError).cause)).not.toContain(credentials.appSecret)
    expect(messagesOf(thrown)).not.toContain(credentials.appSecret)
  })
})

describe('a secret full of quotes, backslashes, %, & and CJK', () => {
  /** Random segments joined by the characters that escaping changes: a leak of any part shows a segment. */
  const segments = Array.from({ length: 8 }, () => randomBytes(4).toString('hex'))
  const [a, b, c, d, e, f, g, h] = segments
  const hostile = {
    appId: credentials.appId,
    appSecret: `${a}"${b}\\${c}%${d}&${e} 中文${f}+${g}'=${h}`,
  }
  /** Everything that left the client, as text: replies, log lines, thrown messages and stacks. */
  const leaked = (text: string) => segments.filter((segment) => text.includes(segment))

  /** The token route's answer quoting what it was sent, in each form the secret takes in text. */
  const echoingTokenRoute: typeof fetch = async (input, init) => {
    const request = new Request(input, init)
    if (!request.url.endsWith(STABLE_TOKEN_PATH)) return fetch(request)
    const body = await request.text()
    const secret = hostile.appSecret
    const asciiJson = JSON.stringify(secret).replace(
      /[\u0080-\uffff]/g,
      (char) => `\\u${char.charCodeAt(0).toString(16)}`,
    )
    const errmsg = [
      `invalid appsecret, body ${body}`,
      `raw ${secret}`,
      `url ${request.url}?secret=${encodeURIComponent(secret)}`,
      `form ${new URLSearchParams({ appid: hostile.appId, secret }).toString()}`,
      `ascii ${asciiJson} rid: 1`,
    ].join('; ')
    return new Response(JSON.stringify({ errcode: 40125, errmsg }), { status: 200 })
  }

  it('is taken by the local token route, and masked in every form it comes back in', async () => {
    // Prepare
    const own = await startTestCloud({ quiet: true, credentials: hostile })
    const log = logSink()
    const base = { ...hostile, baseUrl: own.cloud.origin, logger: log.logger, ...NO_CACHE }
    const replies: OcrReply[] = []
    try {
      // Act
      replies.push(await createPrintedTextClient(base).recognize({ img: png }))
      replies.push(
        await createPrintedTextClient({ ...base, fetch: echoingTokenRoute }).recognize({
          img: png,
        }),
      )
      replies.push(
        await createPrintedTextClient({
          ...base,
          fetch: throwingFetch(STABLE_TOKEN_PATH),
        }).recognize({ img: png }),
      )
    } finally {
      await own.stop()
    }
    // Assess: the real route accepted the secret as sent (a token, one OCR call).
    expect(replies[0]?.ok).toBe(true)
    expect(own.cloud.requests.count('ocr-https')).toBe(1)
    const messages = replies.flatMap((reply) => (reply.ok ? [] : [reply.error.message]))
    expect(messages).toHaveLength(2)
    expect(leaked(messages.join('\n'))).toEqual([])
    expect(leaked(JSON.stringify({ replies, lines: log.lines }))).toEqual([])
    // Not vacuous: each form was quoted, and masked where it stood.
    expect(messages[0]).toContain('"secret":"***"')
    // (The pattern for secret=S takes the ";" after a value it masked with it.)
    expect(messages[0]).toMatch(
      /raw \*\*\*; url \S*secret=\*\*\* form appid=\w+&secret=\*\*\* ascii "\*\*\*"/,
    )
    expect(messages[1]).toContain('"secret":"***"')
  })

  it.each([
    ['the secret', hostile.appSecret],
    ['the JSON-escaped secret', JSON.stringify(hostile.appSecret).slice(1, -1)],
    ['the percent-encoded secret', encodeURIComponent(hostile.appSecret)],
  ])('masks an option error that names %s as an unknown key', (_label, key) => {
    // Act
    let thrown: unknown
    try {
      createPrintedTextClient({ ...hostile, [key]: true } as never)
    } catch (error) {
      thrown = error
    }
    // Assess
    expect(thrown).toBeInstanceOf(TypeError)
    expect(messagesOf(thrown)).toContain('Unrecognized key: "***"')
    expect(leaked(messagesOf(thrown))).toEqual([])
    // Nor in its cause, which crash reporters print too (util.inspect shows [cause]).
    expect(leaked(inspect(thrown, { depth: 10 }))).toEqual([])
  })
})
