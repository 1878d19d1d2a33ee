// What goes over the wire: img_url in the query string and arriving intact, the upload as multipart field
// `img` named and typed after the sniffed bytes, nothing at all for bad input, and retries only for what
// the policy calls transient.
import { findPart, multipartBoundary, parseMultipart } from '../../emulator/server/multipart'
import { createPrintedTextClient, RetryQuota } from '../../src/https'
import { OCR_PATH } from '../../src/https/endpoints'
import { IMAGE_SIZE_LIMIT_BYTES } from '../../src/checks/size-limit'
import { IMAGE_EXTENSION, IMAGE_MIME, sniffImageType } from '../../src/checks/sniff'
import type { OcrReply } from '../../src/reply/schema'
import { startTestCloud, type TestCloud } from '../support/local-cloud'
import {
  FAST_POLICY,
  logSink,
  type SpyFetch,
  spyFetch,
  testCredentials,
} from '../support/https-client'
import { instantClock } from '../support/instant-clock'
import { jpegImage, pngImage } from '../support/images/formats'
import { undecodableImages } from '../support/images/crafted'
import { serveBody } from '../support/loopback-server'
import { URL_CREDENTIALS, URL_PASSWORD, withUserInfo } from '../support/events'

let t: TestCloud
let spy: SpyFetch
let png: Buffer
let jpeg: Buffer
const credentials = testCredentials()

function client(logger?: ReturnType<typeof logSink>['logger']) {
  return createPrintedTextClient({
    ...credentials,
    baseUrl: t.cloud.origin,
    fetch: spy.fetch,
    clock: instantClock(),
    retryPolicy: FAST_POLICY,
    // Each test's exact call count must not depend on the retries of the ones before it.
    retryQuota: new RetryQuota(),
    ...(logger === undefined ? {} : { logger }),
  })
}

function expectOk(reply: OcrReply): void {
  expect(reply.ok ? 'ok' : `${reply.error.code}: ${reply.error.message}`).toBe('ok')
}

const ocrCalls = () => spy.calls.filter((call) => new URL(call.url).pathname === OCR_PATH)

beforeAll(async () => {
  png = await pngImage()
  jpeg = await jpegImage()
})
beforeEach(async () => {
  t = await startTestCloud({ quiet: true, credentials })
  spy = spyFetch()
})
afterEach(() => t.stop())

describe('imgUrl', () => {
  it('reaches the image host intact: &, ?, +, spaces and Chinese in path and query', async () => {
    // Prepare
    const server = await serveBody(png)
    const imgUrl = `${server.origin}/扫描 件/发票 1.png?size=大 图&sig=a+b/c==&next=?x=1`
    try {
      // Act
      const reply = await client().recognize({ imgUrl })
      // Assess
      expectOk(reply)
      const sent = new URL(imgUrl)
      expect(server.hits).toEqual([`${sent.pathname}${sent.search}`])
      const [call] = ocrCalls()
      // The normalized href goes out: the same URL, with what a fetcher must encode encoded.
      expect(new URL(call?.url ?? '').searchParams.get('img_url')).toBe(sent.href)
      expect(call?.body).toBeUndefined()
    } finally {
      await server.close()
    }
  })

  it('writes a space as %20 and never as +, so any decoder reads the URL back', async () => {
    // Prepare
    const server = await serveBody(png)
    const imgUrl = `${server.origin}/a b.png?q=c+d`
    try {
      // Act
      await client().recognize({ imgUrl })
      // Assess
      const query = new URL(ocrCalls()[0]?.url ?? '').search
      expect(query).not.toContain('+')
      expect(decodeURIComponent(query.split('img_url=')[1] ?? '')).toBe(new URL(imgUrl).href)
    } finally {
      await server.close()
    }
  })
})

describe('img', () => {
  it.each([
    ['a Buffer', (bytes: Buffer) => bytes],
    [
      '{ contentType, value: Buffer }',
      (bytes: Buffer) => ({ contentType: 'image/png', value: bytes }),
    ],
    ['a base64 value', (bytes: Buffer) => ({ value: bytes.toString('base64') })],
    [
      'a data URI',
      (bytes: Buffer) => ({ value: `data:image/png;base64,${bytes.toString('base64')}` }),
    ],
  ])('is sent as multipart field img from %s', async (_, shape) => {
    // Act
    const reply = await client().recognize({ img: shape(png) })
    // Assess
    expectOk(reply)
    const [call] = ocrCalls()
    const boundary = multipartBoundary(call?.contentType ?? undefined) ?? ''
    const part = findPart(parseMultipart(call?.body ?? Buffer.alloc(0), boundary), 'img')
    expect(part?.data.equals(png)).toBe(true)
    expect(new URL(call?.url ?? '').searchParams.has('img_url')).toBe(false)
  })

  it.each([
    ['PNG bytes declared as JPEG', () => png, 'image/jpeg'],
    ['JPEG bytes declared as PNG', () => jpeg, 'image/png'],
  ])('names and types %s after the bytes', async (_, bytes, declared) => {
    // Prepare
    const image = bytes()
    const type = sniffImageType(image)
    // Act
    await client().recognize({ img: { contentType: declared, value: image } })
    // Assess
    const [call] = ocrCalls()
    const boundary = multipartBoundary(call?.contentType ?? undefined) ?? ''
    const part = findPart(parseMultipart(call?.body ?? Buffer.alloc(0), boundary), 'img')
    expect(type).toBeDefined()
    expect(part?.filename).toBe(`img.${IMAGE_EXTENSION[type ?? 'png']}`)
    expect(part?.contentType).toBe(IMAGE_MIME[type ?? 'png'])
  })
})

describe('bad input', () => {
  const good = (): Record<string, unknown> => ({ img: { contentType: 'image/png', value: png } })
  const broken: Array<[string, string, (input: Record<string, unknown>) => unknown]> = [
    ['no image at all', 'INVALID_REQUEST', () => ({})],
    ['not an object', 'INVALID_REQUEST', () => 'img.png'],
    [
      'both imgUrl and img',
      'INVALID_REQUEST',
      (input) => ({ ...input, imgUrl: 'https://example.com/a.png' }),
    ],
    [
      'an unknown key',
      'INVALID_REQUEST',
      (input) => ({ ...input, fileID: 'cloud://env.bucket/a.png' }),
    ],
    ['an ftp imgUrl', 'INVALID_REQUEST', () => ({ imgUrl: 'ftp://example.com/a.png' })],
    ['a relative imgUrl', 'INVALID_REQUEST', () => ({ imgUrl: '/a.png' })],
    ['img without value', 'INVALID_REQUEST', () => ({ img: { contentType: 'image/png' } })],
    ['img.value not base64', 'INVALID_REQUEST', () => ({ img: { value: 'not base64 %%%' } })],
    ['empty bytes', 'UNSUPPORTED_IMAGE', () => ({ img: Buffer.alloc(0) })],
    ['text bytes', 'UNSUPPORTED_IMAGE', () => ({ img: { value: Buffer.from('hello, world') } })],
    [
      'bytes over 2 MB',
      'IMAGE_TOO_LARGE',
      () => ({ img: Buffer.concat([png, Buffer.alloc(IMAGE_SIZE_LIMIT_BYTES)]) }),
    ],
  ]

  it.each(broken)('%s: answers %s and spends nothing', async (_, code, breakIt) => {
    // Prepare
    const log = logSink()
    const input = breakIt(good())
    // Act
    const reply = await client(log.logger).recognize(input as never)
    // Assess
    expect(reply).toMatchObject({ ok: false, error: { code, retryable: false } })
    expect(spy.calls).toEqual([])
    expect(t.cloud.requests.list()).toEqual([])
    expect(log.lines).toEqual([
      expect.objectContaining({ event: 'recognize', attempts: 0, outcome: code }),
    ])
  })
})

describe('an image whose container is whole but no decoder accepts', () => {
  it('is IMAGE_CORRUPT with nothing sent, for each format', async () => {
    // Prepare
    const images = await undecodableImages()
    const ocr = client()
    // Act
    const codes: Array<[string, string]> = []
    for (const [label, img] of images) {
      const reply = await ocr.recognize({ img })
      codes.push([label, reply.ok ? 'ok' : reply.error.code])
    }
    // Assess
    expect(codes).toEqual(images.map(([label]) => [label, 'IMAGE_CORRUPT']))
    expect(spy.calls).toHaveLength(0)
    expect(t.cloud.requests.list()).toHaveLength(0)
  })
})

describe('an imgUrl with credentials', () => {
  it.each(URL_CREDENTIALS)(
    'with %s: INVALID_REQUEST, nothing sent, the password in no output',
    async (_label, userinfo) => {
      // Prepare
      const server = await serveBody(png)
      const log = logSink()
      try {
        // Act
        const imgUrl = withUserInfo(`${server.origin}/a.png`, userinfo)
        const reply = await client(log.logger).recognize({ imgUrl })
        // Assess
        expect(reply).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } })
        expect(spy.calls).toHaveLength(0)
        expect(t.cloud.requests.list()).toHaveLength(0)
        expect(server.hits).toHaveLength(0)
        expect(JSON.stringify({ reply, lines: log.lines })).not.toContain(URL_PASSWORD)
      } finally {
        await server.close()
      }
    },
  )
})

describe('retries', () => {
  it.each([
    ['a busy system (-1)', () => t.cloud.faults.inject({ kind: 'errcode', errcode: -1 })],
    ['a dropped connection', () => t.cloud.faults.inject({ kind: 'drop-connection' })],
    [
      'an answer slower than the attempt limit',
      () => t.cloud.faults.inject({ kind: 'latency', ms: FAST_POLICY.attemptTimeoutMs * 3 }),
    ],
  ])('recovers from %s with one more call', async (_, arm) => {
    // Prepare
    arm()
    const log = logSink()
    // Act
    const reply = await client(log.logger).recognize({ img: png })
    // Assess
    expectOk(reply)
    expect(t.cloud.requests.count('ocr-https')).toBe(2)
    expect(log.lines.at(-1)).toMatchObject({ event: 'recognize', attempts: 2 })
  })

  it('never retries what the catalog calls permanent', async () => {
    // Prepare
    t.cloud.quota.limit = 0
    // Act
    const reply = await client().recognize({ img: png })
    // Assess
    expect(reply).toMatchObject({ ok: false, error: { code: 'QUOTA_EXHAUSTED', retryable: false } })
    expect(t.cloud.requests.count('ocr-https')).toBe(1)
  })
})
