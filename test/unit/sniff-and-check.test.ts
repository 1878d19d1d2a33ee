import sharp from 'sharp'
import { checkImageBytes } from '../../src/checks/check-bytes'
import { IMAGE_SIZE_LIMIT_BYTES } from '../../src/checks/size-limit'
import { decodeImgValue } from '../../src/checks/decode-value'
import { sniffImageType, type ImageType } from '../../src/checks/sniff'
import { parseRecognizeInput, prepareMedia } from '../../src/https/recognize-input'
import { createInMemoryPort } from '../support/in-memory-port'
import { testHandler } from '../support/test-handler'

async function encode(format: 'jpeg' | 'png' | 'gif' | 'webp'): Promise<Buffer> {
  const image = sharp({ create: { width: 8, height: 8, channels: 3, background: '#3366cc' } })
  return image.toFormat(format).toBuffer()
}

/** A minimal 1x1 24-bit BMP: sharp cannot write BMP, so the header is written here. */
function bmp(): Buffer {
  const b = Buffer.alloc(58)
  b.write('BM', 0, 'ascii')
  b.writeUInt32LE(58, 2)
  b.writeUInt32LE(54, 10)
  b.writeUInt32LE(40, 14)
  b.writeInt32LE(1, 18)
  b.writeInt32LE(1, 22)
  b.writeUInt16LE(1, 26)
  b.writeUInt16LE(24, 28)
  return b
}

describe('sniffImageType', () => {
  it.each<[ImageType, () => Promise<Buffer>]>([
    ['jpeg', () => encode('jpeg')],
    ['png', () => encode('png')],
    ['gif', () => encode('gif')],
    ['webp', () => encode('webp')],
    ['bmp', async () => bmp()],
  ])('recognizes real %s bytes', async (type, make) => {
    expect(sniffImageType(await make())).toBe(type)
  })

  it.each([
    ['text', Buffer.from('BM is not a bitmap, just text')],
    ['a PDF', Buffer.from('%PDF-1.7\n')],
    ['a truncated PNG signature', Buffer.from([0x89, 0x50, 0x4e])],
    ['empty', Buffer.alloc(0)],
  ])('refuses %s', (_label, bytes) => {
    expect(sniffImageType(bytes)).toBeUndefined()
  })
})

describe('checkImageBytes', () => {
  it('gives the sniffed MIME', async () => {
    const checked = await checkImageBytes(await encode('jpeg'))
    expect(checked).toMatchObject({ ok: true, type: 'jpeg', contentType: 'image/jpeg' })
  })

  it('sends the sniffed type, not the declared one, from the function and the HTTPS client', async () => {
    // Prepare: JPEG bytes declared as PNG, as a careless caller sends them.
    const value = (await encode('jpeg')).toString('base64')
    const img = { contentType: 'image/png', value }
    const port = createInMemoryPort()
    const { handler } = testHandler(port)
    // Act
    const reply = await handler({ img })
    const parsed = parseRecognizeInput({ img })
    const media = parsed.ok ? await prepareMedia(parsed) : parsed
    // Assess
    expect(reply.ok).toBe(true)
    expect(port.calls).toEqual([{ img: { contentType: 'image/jpeg', value: expect.any(Buffer) } }])
    expect(media).toMatchObject({
      ok: true,
      media: { contentType: 'image/jpeg', filename: 'img.jpg' },
    })
  })

  it('accepts one byte under 2 MiB and refuses exactly 2 MiB ("小于2M"), naming size and limit', async () => {
    const png = await encode('png')
    const under = Buffer.concat([png, Buffer.alloc(IMAGE_SIZE_LIMIT_BYTES - 1 - png.length)])
    expect((await checkImageBytes(under)).ok).toBe(true)
    const atLimit = await checkImageBytes(Buffer.concat([under, Buffer.alloc(1)]))
    expect(atLimit.ok).toBe(false)
    if (atLimit.ok) return
    expect(atLimit.error.code).toBe('IMAGE_TOO_LARGE')
    expect(atLimit.error.message).toContain(`is ${IMAGE_SIZE_LIMIT_BYTES} bytes`)
    expect(atLimit.error.message).toContain(`under ${IMAGE_SIZE_LIMIT_BYTES} bytes`)
  })

  it('refuses empty bytes and non-images as UNSUPPORTED_IMAGE', async () => {
    for (const bytes of [Buffer.alloc(0), Buffer.from('<html></html>')]) {
      const checked = await checkImageBytes(bytes)
      expect(!checked.ok && checked.error.code).toBe('UNSUPPORTED_IMAGE')
    }
  })
})

describe('decodeImgValue', () => {
  const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3, 250])

  it.each([
    ['a Buffer', bytes],
    ['a Uint8Array', new Uint8Array(bytes)],
    ['a serialized Buffer', { type: 'Buffer' as const, data: [...bytes] }],
    ['base64', bytes.toString('base64')],
    ['base64url', bytes.toString('base64url')],
    ['a data URI', `data:image/png;base64,${bytes.toString('base64')}`],
    ['base64 with line breaks', bytes.toString('base64').replace(/(.{4})/g, '$1\n')],
  ])('decodes %s', (_label, value) => {
    expect(decodeImgValue(value)).toEqual({ ok: true, bytes })
  })

  it('refuses a string that is not base64', () => {
    const decoded = decodeImgValue('this is not base64!')
    expect(!decoded.ok && decoded.error.code).toBe('INVALID_REQUEST')
  })
})
