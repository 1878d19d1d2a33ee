import fc from 'fast-check'
import sharp from 'sharp'
import { DEFAULT_RETRY_POLICY } from '../../src/retry/policy'
import { OcrReplySchema, type OcrReply } from '../../src/reply/schema'
import { UploadPrefixReplySchema } from '../../src/parse/upload-prefix'
import { breakOne, sampleEvent } from '../support/events'
import { createInMemoryPort, sdkError, type InMemoryPort } from '../support/in-memory-port'
import { testHandler } from '../support/test-handler'

const OPENID = 'oTestUser0001'
const ownFile = sampleEvent('from-mini-program').fileID as string

let png: Buffer
beforeAll(async () => {
  png = await sharp({ create: { width: 40, height: 20, channels: 3, background: '#fff' } })
    .png()
    .toBuffer()
})

// Calls that set no caller come from another function (`scf`), which may read any file of the env.
function setup(port: InMemoryPort = createInMemoryPort({ context: { SOURCE: 'scf' } })) {
  const { handler, logs } = testHandler(port)
  port.files.set(ownFile, png)
  return { port, handler, logs }
}

function codeOf(reply: unknown): string {
  const parsed = OcrReplySchema.parse(reply)
  return parsed.ok ? 'ok' : parsed.error.code
}

describe('handler: sources', () => {
  it('downloads a fileID, sends the sniffed type, deletes when asked', async () => {
    const { port, handler, logs } = setup()
    port.context = { OPENID, ENV: 'local-env' }
    const reply = (await handler(
      { fileID: ownFile, deleteAfter: true },
      { request_id: 'req-1' },
    )) as OcrReply
    expect(reply.ok && reply.text).toBe('腾讯 微信团队')
    expect(port.calls).toEqual([{ img: { contentType: 'image/png', value: png } }])
    expect(port.deletes).toEqual([ownFile])
    expect(logs).toEqual([
      expect.objectContaining({
        requestId: 'req-1',
        source: 'fileID',
        bytes: png.length,
        attempts: 1,
        outcome: 'ok',
        lines: 2,
        deleted: true,
      }),
    ])
    expect(JSON.stringify(logs)).not.toContain('腾讯')
  })

  it('passes imgUrl as is and never fetches it', async () => {
    const { port, handler } = setup()
    await handler(sampleEvent('img-url'))
    expect(port.calls).toEqual([{ imgUrl: sampleEvent('img-url').imgUrl }])
    expect(port.downloads).toEqual([])
  })

  it('decodes base64 from the console panel and corrects a wrong contentType', async () => {
    const { port, handler } = setup()
    const event = breakOne(sampleEvent('img-base64'), (e) => {
      ;(e.img as Record<string, unknown>).contentType = 'image/jpeg'
    })
    expect(codeOf(await handler(event))).toBe('ok')
    const sent = port.calls[0]
    expect(sent && 'img' in sent && sent.img.contentType).toBe('image/png')
  })

  it('answers the upload prefix for a mini program user, and refuses it without an OPENID', async () => {
    const { port, handler } = setup()
    port.context = { OPENID }
    expect(UploadPrefixReplySchema.parse(await handler(sampleEvent('upload-prefix')))).toEqual({
      ok: true,
      uploadPrefix: `ocr-uploads/${OPENID}/`,
    })
    port.context = {}
    expect(codeOf(await handler(sampleEvent('upload-prefix')))).toBe('INVALID_REQUEST')
    expect(port.calls).toEqual([])
  })
})

describe('handler: the confused-deputy guard', () => {
  it.each([
    ['another user', 'cloud://local-env.6c6f-local-env-1300000000/ocr-uploads/oSomeoneElse/a.png'],
    ['outside the prefix', 'cloud://local-env.6c6f-local-env-1300000000/avatars/a.png'],
    [
      'a path that climbs out',
      `cloud://local-env.6c6f-local-env-1300000000/ocr-uploads/${OPENID}/../oX/a.png`,
    ],
    ['another env', `cloud://other-env.6f74-other-env-1300000000/ocr-uploads/${OPENID}/a.png`],
  ])('refuses a user reading %s, without downloading', async (_label, fileID) => {
    const { port, handler } = setup()
    port.context = { OPENID, ENV: 'local-env' }
    port.files.set(fileID, png)
    const reply = await handler({ fileID, deleteAfter: true })
    expect(codeOf(reply)).toBe('FILE_FORBIDDEN')
    expect(port.downloads).toEqual([])
    expect(port.deletes).toEqual([])
    expect(port.calls).toEqual([])
  })

  it('lets a call without an OPENID from a trusted source (another function) read any file', async () => {
    const { port, handler } = setup()
    port.context = { SOURCE: 'scf' }
    const fileID = 'cloud://local-env.6c6f-local-env-1300000000/avatars/a.png'
    port.files.set(fileID, png)
    expect(codeOf(await handler({ fileID }))).toBe('ok')
  })

  it.each([
    ['no SOURCE', {}],
    ['a web caller', { SOURCE: 'wx_http' }],
    ['an unknown client', { SOURCE: 'wx_unknown' }],
    ['a chain through an untrusted link', { SOURCE: 'wx_unknown,scf' }],
    ['an empty chain link', { SOURCE: 'scf,' }],
  ])('fails closed for a call without an OPENID from %s', async (_label, context) => {
    const { port, handler } = setup()
    port.context = context
    const fileID = 'cloud://local-env.6c6f-local-env-1300000000/avatars/a.png'
    port.files.set(fileID, png)
    const reply = await handler({ fileID, deleteAfter: true })
    expect(codeOf(reply)).toBe('FILE_FORBIDDEN')
    expect([port.downloads, port.deletes, port.calls]).toEqual([[], [], []])
  })
})

describe('handler: bad input never spends quota', () => {
  it.each([
    [
      'a missing file',
      { fileID: 'cloud://local-env.b/ocr-uploads/x/missing.png' },
      'FILE_NOT_FOUND',
    ],
    [
      'text bytes',
      { img: { value: Buffer.from('hello').toString('base64') } },
      'UNSUPPORTED_IMAGE',
    ],
    [
      'an oversize image',
      {
        img: {
          value: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(2 * 1024 * 1024)]),
        },
      },
      'IMAGE_TOO_LARGE',
    ],
    ['a typo in a key', { imgurl: 'https://example.com/a.png' }, 'INVALID_REQUEST'],
  ])('answers %s with a typed error', async (_label, event, code) => {
    const { port, handler } = setup()
    expect(codeOf(await handler(event))).toBe(code)
    expect(port.calls).toEqual([])
  })

  it('returns a valid reply, never throws, and calls the API only for valid events, for any JSON', async () => {
    const { port, handler } = setup()
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.jsonValue(),
          fc.dictionary(
            fc.constantFrom('fileID', 'imgUrl', 'img', 'type', 'deleteAfter', 'userInfo', 'x'),
            fc.jsonValue(),
          ),
        ),
        async (event) => {
          const before = port.calls.length
          const reply = await handler(event)
          const parsed = OcrReplySchema.parse(reply)
          if (!parsed.ok) expect(port.calls.length).toBe(before)
        },
      ),
      { numRuns: 300 },
    )
  })
})

describe('handler: platform failures and retries', () => {
  it('retries -1 and succeeds, counting attempts', async () => {
    const port = createInMemoryPort({
      script: [
        { reject: sdkError(-1, 'system error') },
        { reject: sdkError(-1) },
        { resolve: { errCode: 0, items: [], imgSize: { w: 1, h: 1 } } },
      ],
    })
    const { handler, logs } = setup(port)
    expect(codeOf(await handler(sampleEvent('img-url')))).toBe('ok')
    expect(port.calls).toHaveLength(3)
    expect(logs[0]?.attempts).toBe(3)
  })

  it('gives a retryable SYSTEM_BUSY after bounded attempts', async () => {
    const port = createInMemoryPort({ script: [{ reject: sdkError(-1) }] })
    const { handler } = setup(port)
    const reply = (await handler(sampleEvent('img-url'))) as OcrReply
    expect(reply).toMatchObject({
      ok: false,
      error: { code: 'SYSTEM_BUSY', retryable: true, errCode: -1 },
    })
    expect(port.calls).toHaveLength(DEFAULT_RETRY_POLICY.maxAttempts)
  })

  it.each([
    [45009, 'QUOTA_EXHAUSTED'],
    [-604101, 'PERMISSION_MISSING'],
    [101002, 'IMAGE_DECODE_FAILED'],
    [12345, 'UPSTREAM_ERROR'],
  ])('never retries %i (%s)', async (errCode, code) => {
    const port = createInMemoryPort({ script: [{ reject: sdkError(errCode) }] })
    const { handler } = setup(port)
    const reply = (await handler(sampleEvent('img-url'), { request_id: 'r-9' })) as OcrReply
    expect(reply).toMatchObject({ ok: false, error: { code, errCode, requestId: 'r-9' } })
    expect(port.calls).toHaveLength(1)
  })

  it('deletes the upload even when recognition fails, but keeps the reply', async () => {
    const port = createInMemoryPort({
      script: [{ reject: sdkError(101002) }],
      context: { OPENID },
    })
    const { handler } = setup(port)
    expect(codeOf(await handler({ fileID: ownFile, deleteAfter: true }))).toBe(
      'IMAGE_DECODE_FAILED',
    )
    expect(port.deletes).toEqual([ownFile])
  })

  it('turns its own bug into INTERNAL with the request id, never a throw', async () => {
    const port = createInMemoryPort()
    port.wxContext = () => {
      throw new TypeError('boom')
    }
    const { handler } = setup(port)
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true)
    const reply = (await handler(sampleEvent('img-url'), { request_id: 'r-bug' })) as OcrReply
    expect(reply).toMatchObject({ ok: false, error: { code: 'INTERNAL', requestId: 'r-bug' } })
    expect(String(stderr.mock.calls[0]?.[0])).toContain('r-bug')
    stderr.mockRestore()
  })
})
