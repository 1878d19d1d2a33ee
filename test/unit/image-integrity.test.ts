// Broken images that start with a valid signature are refused before any call (IMAGE_CORRUPT), with the
// format's own integrity marks; whole images pass with their dimensions.
import { checkImageBytes } from '../../src/checks/check-bytes'
import type { ImageType } from '../../src/checks/sniff'
import { IMAGE_TYPES, imageOf } from '../support/images/formats'

async function codeOf(bytes: Buffer): Promise<string> {
  const checked = await checkImageBytes(bytes)
  return checked.ok ? 'ok' : checked.error.code
}

/** The first 16 bytes of a real image (signature and part of the header), then garbage. */
function signatureThenGarbage(image: Buffer): Buffer {
  return Buffer.concat([image.subarray(0, 16), Buffer.alloc(400, 7)])
}

describe.each(IMAGE_TYPES)('%s', (type: ImageType) => {
  it('passes whole, with the dimensions from its header', async () => {
    const checked = await checkImageBytes(await imageOf(type, 24, 16))
    expect(checked).toMatchObject({ ok: true, type, dimensions: { width: 24, height: 16 } })
  })

  it('is IMAGE_CORRUPT when a valid signature is followed by garbage', async () => {
    expect(await codeOf(signatureThenGarbage(await imageOf(type)))).toBe('IMAGE_CORRUPT')
  })

  it('is IMAGE_CORRUPT when cut anywhere after its header, and never throws', async () => {
    const image = await imageOf(type, 40, 30)
    for (let cut = 18; cut < image.length; cut += Math.max(1, Math.floor(image.length / 23))) {
      const code = await codeOf(image.subarray(0, cut))
      expect([cut, code]).toEqual([cut, 'IMAGE_CORRUPT'])
    }
  })
})

it('a PNG with one flipped byte inside its pixel data fails its CRC', async () => {
  const png = Buffer.from(await imageOf('png'))
  const idat = png.indexOf('IDAT', 8, 'latin1')
  png[idat + 6] = (png[idat + 6] ?? 0) ^ 0xff
  const checked = await checkImageBytes(png)
  expect(checked.ok === false && checked.error).toMatchObject({
    code: 'IMAGE_CORRUPT',
    retryable: false,
  })
  expect(checked.ok === false && checked.error.message).toMatch(/IDAT.*CRC/)
})

it('a JPEG whose frame header is renamed to an APP segment has no SOF', async () => {
  const jpeg = Buffer.from(await imageOf('jpeg'))
  const sof = jpeg.indexOf(Buffer.from([0xff, 0xc0]))
  jpeg[sof + 1] = 0xe5
  const checked = await checkImageBytes(jpeg)
  expect(checked.ok === false && checked.error.code).toBe('IMAGE_CORRUPT')
})

it('a BMP whose header claims more bytes than the file has is IMAGE_CORRUPT', async () => {
  const bmp = await imageOf('bmp')
  bmp.writeUInt32LE(bmp.length + 1000, 2)
  expect(await codeOf(bmp)).toBe('IMAGE_CORRUPT')
})

it('bytes after a PNG IEND or a JPEG EOI are tolerated (some writers pad files)', async () => {
  for (const type of ['png', 'jpeg'] as const) {
    const padded = Buffer.concat([await imageOf(type), Buffer.alloc(64)])
    expect(await codeOf(padded)).toBe('ok')
  }
})

it('tolerates what decoders only warn about: a bad CRC in an ancillary PNG chunk', async () => {
  const png = await imageOf('png')
  const text = Buffer.concat([Buffer.from([0, 0, 0, 4]), Buffer.from('tEXtnote'), Buffer.alloc(4)])
  const withText = Buffer.concat([png.subarray(0, 33), text, png.subarray(33)])
  expect(await codeOf(withText)).toBe('ok')
  // The same bad CRC on a critical chunk is damage.
  const critical = Buffer.from(withText)
  critical.write('tEXt'.toUpperCase(), 37, 'latin1')
  expect(await codeOf(critical)).toBe('IMAGE_CORRUPT')
})

it('tolerates stray bytes before a JPEG marker after the frame header, as libjpeg does', async () => {
  // (image-size, which reads the header, refuses them before the frame header.)
  const jpeg = await imageOf('jpeg')
  const sof = jpeg.indexOf(Buffer.from([0xff, 0xc0]))
  const afterSof = sof + 2 + jpeg.readUInt16BE(sof + 2)
  const withStray = Buffer.concat([
    jpeg.subarray(0, afterSof),
    Buffer.from([0, 0, 0]),
    jpeg.subarray(afterSof),
  ])
  expect(await codeOf(withStray)).toBe('ok')
})
