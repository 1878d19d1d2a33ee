// Images whose containers are whole (chunk lengths, CRCs, RIFF sizes) but whose headers or data no decoder
// accepts are IMAGE_CORRUPT before any call; where sharp reads the format (libpng/spng, libjpeg-turbo,
// libwebp), the decoder is asked too, so a refusal here is one the platform's decoder would make.
import fc from 'fast-check'
import sharp from 'sharp'

import { checkImageBytes } from '../../src/checks/check-bytes'
import { bmpImage, IMAGE_TYPES, imageOf } from '../support/images/formats'
import {
  bmpWithBits,
  imageDataOf,
  withHeaderByte,
  withImageData,
  withoutJpegSegments,
  withWebpChunk,
  zlibOfZeros,
} from '../support/images/crafted'

async function checked(bytes: Buffer): Promise<string> {
  const result = await checkImageBytes(bytes)
  return result.ok ? 'ok' : `${result.error.code}: ${result.error.message}`
}

/** What the decoder says: 'ok', or 'refused' when it throws. */
async function decoderSays(bytes: Buffer): Promise<string> {
  try {
    await sharp(bytes, { failOn: 'error' }).raw().toBuffer()
    return 'ok'
  } catch {
    return 'refused'
  }
}

const photo = (options: sharp.PngOptions = {}, channels: 1 | 2 | 3 | 4 = 3) =>
  sharp({
    create: {
      width: 37,
      height: 23,
      channels: channels === 1 || channels === 2 ? 3 : channels,
      background: '#3a6',
    },
  })
    .toColourspace(channels <= 2 ? 'b-w' : 'srgb')
    .png(options)
    .toBuffer()

describe('PNG: the image data must inflate to the rows the header needs', () => {
  it.each([
    ['RGB', () => photo()],
    ['RGBA', () => photo({}, 4)],
    ['grey', () => photo({}, 1)],
    ['interlaced (Adam7)', () => photo({ progressive: true })],
    [
      '16 bits a channel',
      () =>
        sharp({ create: { width: 9, height: 7, channels: 3, background: '#123' } })
          .toColourspace('rgb16')
          .png()
          .toBuffer(),
    ],
    ['a 2-colour palette (1 bit)', () => photo({ palette: true, colours: 2 })],
    ['a palette (8 bits)', () => photo({ palette: true })],
  ])('passes a whole %s PNG', async (_label, make) => {
    const png = await make()
    expect(await checked(png)).toBe('ok')
  })

  it.each([
    ['garbage instead of a zlib stream', () => Buffer.alloc(300, 0x5a)],
    [
      'a zlib header, then garbage',
      () => Buffer.concat([Buffer.from([0x78, 0x9c]), Buffer.alloc(300, 0xff)]),
    ],
    ['a whole zlib stream of too few bytes', () => zlibOfZeros(40)],
    [
      'the stream cut in half',
      (png: Buffer) => imageDataOf(png).subarray(0, imageDataOf(png).length >> 1),
    ],
    [
      'a wrong Adler-32 at the end',
      (png: Buffer) => {
        const data = Buffer.from(imageDataOf(png))
        data[data.length - 1] = (data[data.length - 1] ?? 0) ^ 0xff
        return data
      },
    ],
  ])('refuses %s (every CRC right), as the decoder does', async (_label, imageData) => {
    // Prepare
    const png = await photo()
    const broken = withImageData(png, imageData(png))
    // Act
    const verdict = await checked(broken)
    // Assess
    expect(verdict).toMatch(/^IMAGE_CORRUPT: .*image data/)
    expect(await decoderSays(broken)).toBe('refused')
  })

  it.each([
    ['bit depth 3', 8, 3],
    ['colour type 1', 9, 1],
    ['compression 1', 10, 1],
    ['interlace 2', 12, 2],
  ])('refuses an IHDR with %s, as the decoder does', async (_label, at, value) => {
    const broken = withHeaderByte(await photo(), at, value)
    expect(await checked(broken)).toMatch(/^IMAGE_CORRUPT: .*IHDR/)
    expect(await decoderSays(broken)).toBe('refused')
  })
})

describe('BMP: only header values a decoder accepts', () => {
  it.each([1, 4, 8, 16, 24, 32])('passes %i bits per pixel', async (bits) => {
    expect(await checked(bmpWithBits(bits))).toBe('ok')
  })

  it.each([
    ['0 bits per pixel', (b: Buffer) => b.writeUInt16LE(0, 28)],
    ['3 bits per pixel', (b: Buffer) => b.writeUInt16LE(3, 28)],
    ['64 bits per pixel', (b: Buffer) => b.writeUInt16LE(64, 28)],
    ['0 planes', (b: Buffer) => b.writeUInt16LE(0, 26)],
    ['2 planes', (b: Buffer) => b.writeUInt16LE(2, 26)],
    ['the pixel data inside the file header', (b: Buffer) => b.writeUInt32LE(10, 10)],
    ['the pixel data inside the DIB header', (b: Buffer) => b.writeUInt32LE(40, 10)],
    ['RLE8 with 24 bits per pixel', (b: Buffer) => b.writeUInt32LE(1, 30)],
    ['an unknown compression', (b: Buffer) => b.writeUInt32LE(9, 30)],
    [
      'bit fields with their masks overlapping the pixel data',
      (b: Buffer) => b.writeUInt32LE(3, 30),
    ],
  ])('refuses %s', async (_label, change) => {
    const bmp = bmpImage(6, 4)
    if (_label.startsWith('bit fields')) bmp.writeUInt16LE(32, 28)
    change(bmp)
    expect(await checked(bmp)).toMatch(/^IMAGE_CORRUPT: /)
  })
})

describe('WebP: the image chunk header is one libwebp decodes', () => {
  const lossy = () => imageOf('webp', 30, 20)
  const lossless = () =>
    sharp({ create: { width: 30, height: 20, channels: 3, background: '#3a6' } })
      .webp({ lossless: true })
      .toBuffer()
  const extended = () =>
    sharp({
      create: {
        width: 30,
        height: 20,
        channels: 4,
        background: { r: 0, g: 90, b: 200, alpha: 0.5 },
      },
    })
      .webp()
      .toBuffer()

  it.each([
    ['lossy (VP8)', lossy],
    ['lossless (VP8L)', lossless],
    ['extended (VP8X, alpha)', extended],
  ])('passes a whole %s WebP', async (_label, make) => {
    expect(await checked(await make())).toBe('ok')
  })

  it('passes a VP8X with its 24 reserved bits after the flags set, as the decoder does', async () => {
    const odd = withWebpChunk(await extended(), 'VP8X', (data) => data.fill(0x55, 1, 4))
    expect(await checked(odd)).toBe('ok')
    expect(await decoderSays(odd)).toBe('ok')
  })

  it.each([
    ['VP8: not a key frame', lossy, 'VP8 ', (d: Buffer) => (d[0] = (d[0] ?? 0) | 1)],
    ['VP8: version 4', lossy, 'VP8 ', (d: Buffer) => (d[0] = ((d[0] ?? 0) & ~0x0e) | 0x08)],
    ['VP8: a frame not to be shown', lossy, 'VP8 ', (d: Buffer) => (d[0] = (d[0] ?? 0) & ~0x10)],
    ['VP8: no start code', lossy, 'VP8 ', (d: Buffer) => d.fill(0, 3, 6)],
    [
      'VP8: a first partition larger than the chunk',
      lossy,
      'VP8 ',
      (d: Buffer) => d.writeUIntLE(((d.length << 5) | (d.readUIntLE(0, 3) & 0x1f)) >>> 0, 0, 3),
    ],
    ['VP8L: no signature byte', lossless, 'VP8L', (d: Buffer) => (d[0] = 0x2e)],
    ['VP8L: version 1', lossless, 'VP8L', (d: Buffer) => (d[4] = (d[4] ?? 0) | 0x20)],
    ['VP8X: a reserved flag bit set', extended, 'VP8X', (d: Buffer) => (d[0] = (d[0] ?? 0) | 0x01)],
    ['VP8X: a canvas of 2^32 pixels or more', extended, 'VP8X', (d: Buffer) => d.fill(0xff, 4, 10)],
    [
      'VP8X: a VP8 inside that is not a key frame',
      extended,
      'VP8 ',
      (d: Buffer) => (d[0] = (d[0] ?? 0) | 1),
    ],
  ])('refuses %s, as the decoder does', async (_label, make, fourCC, change) => {
    const broken = withWebpChunk(await make(), fourCC, change)
    expect(await checked(broken)).toMatch(/^IMAGE_CORRUPT: /)
    expect(await decoderSays(broken)).toBe('refused')
  })
})

describe('JPEG: each scan uses only tables defined before it', () => {
  const baseline = () =>
    sharp({ create: { width: 40, height: 24, channels: 3, background: '#3a6' } })
      .jpeg({ optimiseCoding: false })
      .toBuffer()
  const progressive = () =>
    sharp({ create: { width: 40, height: 24, channels: 3, background: '#3a6' } })
      .jpeg({ progressive: true })
      .toBuffer()

  it('passes a baseline JPEG without DHT, which libjpeg-turbo decodes with the standard tables', async () => {
    const bare = withoutJpegSegments(await baseline(), 0xc4)
    expect(bare.includes(Buffer.from([0xff, 0xc4]))).toBe(false)
    expect(await decoderSays(bare)).toBe('ok')
    expect(await checked(bare)).toBe('ok')
  })

  it('refuses a progressive JPEG without DHT before its first scan, as the decoder does', async () => {
    const broken = withoutJpegSegments(await progressive(), 0xc4)
    expect(await checked(broken)).toMatch(
      /^IMAGE_CORRUPT: .*Huffman table DC0, not defined before it/,
    )
    expect(await decoderSays(broken)).toBe('refused')
  })

  it.each([
    ['a baseline', baseline],
    ['a progressive', progressive],
  ])(
    'refuses %s frame whose component uses quantization table 3, defined nowhere',
    async (_label, make) => {
      // SOF: marker (2), length (2), precision (1), height (2), width (2), components (1), then the first
      // component's id, sampling and quantization table.
      const jpeg = await make()
      const sof = jpeg.findIndex(
        (byte, at) => byte === 0xff && [0xc0, 0xc2].includes(jpeg[at + 1] ?? 0),
      )
      jpeg[sof + 12] = 3
      expect(await checked(jpeg)).toMatch(
        /^IMAGE_CORRUPT: .*quantization table 3, not defined before it/,
      )
      expect(await decoderSays(jpeg)).toBe('refused')
    },
  )

  it.each([
    ['Huffman table 2, defined nowhere', 0x22, /Huffman table DC2/],
    ['a component the frame does not have', -1, /component 9/],
  ])('refuses a baseline scan using %s', async (_label, tables, reason) => {
    const jpeg = withoutJpegSegments(await baseline(), 0xc4)
    const sos = jpeg.indexOf(Buffer.from([0xff, 0xda]))
    if (tables === -1) jpeg[sos + 5] = 9
    else jpeg[sos + 6] = tables
    expect(await checked(jpeg)).toMatch(reason)
    expect(await decoderSays(jpeg)).toBe('refused')
  })
})

describe('properties over every format', () => {
  it.each(IMAGE_TYPES)('%s: every cut after the header is refused, never thrown', async (type) => {
    const image = await imageOf(type, 41, 29)
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 18, max: image.length - 1 }), async (cut) => {
        expect(await checked(image.subarray(0, cut))).toMatch(/^IMAGE_CORRUPT: /)
      }),
      { numRuns: 60 },
    )
  })

  it.each(IMAGE_TYPES)(
    '%s: any byte changed gives ok or IMAGE_CORRUPT, never a throw',
    async (type) => {
      const image = await imageOf(type, 41, 29)
      await fc.assert(
        fc.asyncProperty(
          fc.integer({ min: 0, max: image.length - 1 }),
          fc.integer({ min: 0, max: 255 }),
          async (at, value) => {
            const changed = Buffer.from(image)
            changed[at] = value
            expect(await checked(changed)).toMatch(/^(ok|IMAGE_CORRUPT: |UNSUPPORTED_IMAGE: )/)
          },
        ),
        { numRuns: 80 },
      )
    },
  )
})
