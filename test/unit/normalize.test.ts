import fc from 'fast-check'
import { normalizePrintedText } from '../../src/normalize/normalize'
import { OcrReplySchema, type OcrReply } from '../../src/reply/schema'
import { CAMEL_REPLY, SNAKE_REPLY, sdkError } from '../support/in-memory-port'

function errorCodeOf(reply: OcrReply): string {
  if (reply.ok) throw new Error(`expected a failure, got ${JSON.stringify(reply)}`)
  return reply.error.code
}

describe('normalizePrintedText: successes', () => {
  it('gives one shape for the SDK camelCase and the HTTPS snake_case replies', () => {
    const fromSdk = normalizePrintedText(CAMEL_REPLY)
    const fromHttps = normalizePrintedText(SNAKE_REPLY)
    expect(fromSdk).toEqual(fromHttps)
    expect(OcrReplySchema.parse(fromSdk)).toEqual(fromSdk)
  })

  it("orders lines by the boxes' geometry, not by the platform's order", () => {
    // The platform listed 微信团队 first, but 腾讯 stands left of it on the same row.
    const reply = normalizePrintedText(SNAKE_REPLY)
    expect(reply.ok && reply.items.map((i) => i.text)).toEqual(['腾讯', '微信团队'])
    expect(reply.ok && reply.text).toBe('腾讯 微信团队')
    expect(reply.ok && reply.imgSize).toEqual({ w: 1280, h: 720 })
    expect(reply.ok && reply.items[0]?.pos.leftBottom).toEqual({ x: 573, y: 532 })
  })

  it('tolerates extra fields and a missing errCode', () => {
    const { errCode: _drop, ...noCode } = CAMEL_REPLY
    const reply = normalizePrintedText({
      ...noCode,
      requestId: 'x',
      items: noCode.items.map((i) => ({ ...i, score: 0.9 })),
    })
    expect(reply.ok).toBe(true)
  })

  it('accepts a success with no lines as an empty text', () => {
    expect(normalizePrintedText({ errcode: 0, items: [], img_size: { w: 10, h: 10 } })).toEqual({
      ok: true,
      items: [],
      imgSize: { w: 10, h: 10 },
      text: '',
    })
  })

  it('parses a reply that arrives as a JSON string', () => {
    expect(normalizePrintedText(JSON.stringify(SNAKE_REPLY))).toEqual(
      normalizePrintedText(SNAKE_REPLY),
    )
  })
})

describe('normalizePrintedText: errors', () => {
  it.each([
    [-1, 'SYSTEM_BUSY', true],
    [40001, 'ACCESS_TOKEN_INVALID', false],
    [42001, 'ACCESS_TOKEN_INVALID', false],
    [40014, 'ACCESS_TOKEN_INVALID', false],
    [41005, 'MEDIA_MISSING', false],
    [45009, 'QUOTA_EXHAUSTED', false],
    [48001, 'API_UNAUTHORIZED', false],
    [101000, 'INVALID_IMAGE_URL', false],
    [101001, 'NO_TEXT_FOUND', false],
    [101002, 'IMAGE_DECODE_FAILED', false],
    [101003, 'QUOTA_EXHAUSTED', false],
    [-604101, 'PERMISSION_MISSING', false],
    [-604102, 'TIMEOUT', true],
    [-604100, 'UPSTREAM_ERROR', false],
    [99999, 'UPSTREAM_ERROR', false],
  ])('maps errCode %i to %s (retryable %s), thrown or answered', (errCode, code, retryable) => {
    for (const raw of [sdkError(errCode), { errcode: errCode, errmsg: 'x' }]) {
      const reply = normalizePrintedText(raw)
      expect(reply).toMatchObject({ ok: false, error: { code, errCode, retryable } })
    }
  })

  it('reads "not enough market quota" under any code', () => {
    expect(errorCodeOf(normalizePrintedText(sdkError(101002, 'not enough market quota')))).toBe(
      'QUOTA_EXHAUSTED',
    )
  })

  it("reads what the SDK's wrapped -1 really was: a socket timeout or a reset", () => {
    const timeout = Object.assign(new Error('openapi.ocr.printedText:fail request timeout'), {
      errCode: -1,
      code: 'ESOCKETTIMEDOUT',
    })
    expect(errorCodeOf(normalizePrintedText(timeout))).toBe('TIMEOUT')
    const reset = Object.assign(new Error('socket hang up'), { errCode: -1, code: 'ECONNRESET' })
    expect(errorCodeOf(normalizePrintedText(reset))).toBe('NETWORK_ERROR')
    const refused = sdkError(-501001, 'resource system error. connect ECONNREFUSED 127.0.0.1:9')
    expect(errorCodeOf(normalizePrintedText(refused))).toBe('NETWORK_ERROR')
  })

  it.each([
    ['the SDK empty body', { contentType: '', buffer: Buffer.alloc(0), errCode: 0 }],
    ['null', null],
    ['undefined', undefined],
    ['a number', 7],
    ['a non-JSON string', '<html>502</html>'],
    ['items without img_size', { errcode: 0, items: [] }],
    ['an item without pos', { errcode: 0, items: [{ text: 'a' }], img_size: { w: 1, h: 1 } }],
    [
      'a corner that is not numeric',
      {
        ...SNAKE_REPLY,
        items: [{ text: 'a', pos: { ...SNAKE_REPLY.items[0]?.pos, left_top: { x: '1', y: 2 } } }],
      },
    ],
  ])('calls %s an UPSTREAM_ERROR, never a success', (_label, raw) => {
    expect(errorCodeOf(normalizePrintedText(raw))).toBe('UPSTREAM_ERROR')
  })
})

describe('normalizePrintedText: properties', () => {
  const point = fc.record({
    x: fc.integer({ min: 0, max: 4000 }),
    y: fc.integer({ min: 0, max: 4000 }),
  })
  const snakeItem = fc.record({
    text: fc.string(),
    pos: fc.record({ left_top: point, right_top: point, right_bottom: point, left_bottom: point }),
  })
  const snakeReply = fc.record({
    errcode: fc.constant(0),
    items: fc.array(snakeItem, { maxLength: 30 }),
    img_size: fc.record({
      w: fc.integer({ min: 1, max: 5000 }),
      h: fc.integer({ min: 1, max: 5000 }),
    }),
  })

  it('always returns a valid reply and never mutates its input, for any JSON', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), snakeReply), (raw) => {
        const before = structuredClone(raw)
        const reply = normalizePrintedText(raw)
        expect(OcrReplySchema.safeParse(reply).success).toBe(true)
        expect(raw).toEqual(before)
      }),
      { numRuns: 500 },
    )
  })

  it('keeps every line of a well-formed reply, and joins them all into text', () => {
    fc.assert(
      fc.property(snakeReply, (raw) => {
        const reply = normalizePrintedText(raw)
        if (!reply.ok) throw new Error('expected success')
        expect(reply.items.map((i) => i.text).sort()).toEqual(raw.items.map((i) => i.text).sort())
        expect(reply.text.split(/[\n ]/).length).toBeGreaterThanOrEqual(raw.items.length)
      }),
    )
  })
})
