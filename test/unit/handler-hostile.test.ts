// Hostile and careless input through the handler: a deleteAfter request is honoured once the file was
// read, whatever came of it; {OPENID} is substituted literally. Each case breaks one field of a good event.
import sharp from 'sharp'

import { IMAGE_SIZE_LIMIT_BYTES } from '../../src/checks/size-limit'
import { OcrReplySchema } from '../../src/reply/schema'
import { UploadPrefixReplySchema } from '../../src/parse/upload-prefix'
import {
  breakOne,
  sampleEvent,
  URL_CREDENTIALS,
  URL_PASSWORD,
  withUserInfo,
} from '../support/events'
import { undecodableImages } from '../support/images/crafted'
import { createInMemoryPort } from '../support/in-memory-port'
import { testHandler } from '../support/test-handler'

const OPENID = 'oTestUser0001'
/** The mini program's sample, asking for the file to be deleted after reading. */
const event: Record<string, unknown> = { ...sampleEvent('from-mini-program'), deleteAfter: true }
const fileID = event.fileID as string

function setup(bytes: Buffer) {
  const port = createInMemoryPort({ context: { OPENID, ENV: 'local-env' } })
  const { handler, logs } = testHandler(port)
  port.files.set(fileID, bytes)
  return { port, handler, logs }
}

async function png(): Promise<Buffer> {
  return sharp({ create: { width: 40, height: 20, channels: 3, background: '#fff' } })
    .png()
    .toBuffer()
}

describe('deleteAfter holds on every outcome once the file was read', () => {
  it.each([
    ['not an image', async () => Buffer.from('hello, world'), 'UNSUPPORTED_IMAGE'],
    [
      'over 2 MB',
      async () => Buffer.concat([await png(), Buffer.alloc(IMAGE_SIZE_LIMIT_BYTES)]),
      'IMAGE_TOO_LARGE',
    ],
    [
      'a damaged PNG',
      async () => Buffer.concat([(await png()).subarray(0, 16), Buffer.alloc(300, 9)]),
      'IMAGE_CORRUPT',
    ],
  ])('%s: refused, no call, and the file is deleted', async (_label, bytes, code) => {
    const { port, handler, logs } = setup(await bytes())
    const reply = OcrReplySchema.parse(await handler(event))
    expect(reply.ok ? 'ok' : reply.error.code).toBe(code)
    expect(port.calls).toEqual([])
    expect(port.deletes).toEqual([fileID])
    expect(logs[0]).toMatchObject({ outcome: code, deleted: true })
  })

  it('a file that is not there is not "deleted"', async () => {
    const { port, handler } = setup(await png())
    port.files.clear()
    const reply = OcrReplySchema.parse(await handler(event))
    expect(reply.ok || reply.error.code).toBe('FILE_NOT_FOUND')
    expect(port.deletes).toEqual([])
  })

  it('the log line carries the dimensions read from the header', async () => {
    const { handler, logs } = setup(await png())
    await handler(event)
    expect(logs[0]).toMatchObject({ outcome: 'ok', imgSize: { w: 40, h: 20 } })
  })
})

it('substitutes {OPENID} literally: "$&" in an OPENID is not a replacement pattern', async () => {
  const { port, handler } = setup(await png())
  port.context = { OPENID: 'o$&x$`', ENV: 'local-env' }
  const reply = UploadPrefixReplySchema.parse(await handler(sampleEvent('upload-prefix')))
  expect(reply.uploadPrefix).toBe('ocr-uploads/o$&x$`/')
  const own = 'cloud://local-env.6c6f-local-env-1300000000/ocr-uploads/o$&x$`/a.png'
  port.files.set(own, await png())
  const read = OcrReplySchema.parse(await handler({ fileID: own }))
  expect(read.ok).toBe(true)
})

describe('an imgUrl with credentials', () => {
  const good = sampleEvent('img-url')
  it.each(URL_CREDENTIALS)(
    'with %s: INVALID_REQUEST, no call, not quoted',
    async (_l, userinfo) => {
      // Prepare
      const port = createInMemoryPort({ context: { OPENID, ENV: 'local-env' } })
      const { handler, logs } = testHandler(port)
      const event = breakOne(good, (e) => (e.imgUrl = withUserInfo(String(e.imgUrl), userinfo)))
      // Act
      const reply = OcrReplySchema.parse(await handler(event))
      // Assess
      expect(reply.ok || reply.error.code).toBe('INVALID_REQUEST')
      expect(port.calls).toHaveLength(0)
      expect(logs).toEqual([expect.objectContaining({ outcome: 'INVALID_REQUEST' })])
      expect(JSON.stringify({ reply, logs })).not.toContain(URL_PASSWORD)
    },
  )
})

describe('an image whose container is whole but no decoder accepts', () => {
  it('is IMAGE_CORRUPT with no call, for each format', async () => {
    // Prepare
    const images = await undecodableImages()
    const port = createInMemoryPort({ context: { OPENID, ENV: 'local-env' } })
    const { handler, logs } = testHandler(port)
    // Act
    const codes: Array<[string, string]> = []
    for (const [label, bytes] of images) {
      const reply = OcrReplySchema.parse(
        await handler({ img: { value: bytes.toString('base64') } }),
      )
      codes.push([label, reply.ok ? 'ok' : reply.error.code])
    }
    // Assess
    expect(codes).toEqual(images.map(([label]) => [label, 'IMAGE_CORRUPT']))
    expect(port.calls).toHaveLength(0)
    expect(logs.map((line) => line.outcome)).toEqual(images.map(() => 'IMAGE_CORRUPT'))
  })
})
