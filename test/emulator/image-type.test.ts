// The local cloud reads image types with the library's sniffer; its one difference, TIFF, is deliberate
// (emulator/ocr-service/image-type.ts says why), and the library still refuses TIFF.
import sharp from 'sharp'

import { imageContentType } from '../../emulator/ocr-service/image-type'
import { IMAGE_MIME, sniffImageType } from '../../src/checks/sniff'
import { bmpImage, IMAGE_TYPES, imageOf } from '../support/images/formats'

it.each(IMAGE_TYPES)('%s: the library’s type and content type', async (type) => {
  const bytes = await imageOf(type)
  expect(sniffImageType(bytes)).toBe(type)
  expect(imageContentType(bytes)).toBe(IMAGE_MIME[type])
})

it('TIFF, both byte orders: an image here, none to the library', async () => {
  const written = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#fff' } })
    .tiff()
    .toBuffer()
  const littleEndian = Buffer.from([0x49, 0x49, 0x2a, 0x00, 8, 0, 0, 0])
  const bigEndian = Buffer.from([0x4d, 0x4d, 0x00, 0x2a, 0, 0, 0, 8])
  for (const bytes of [written, littleEndian, bigEndian]) {
    expect(imageContentType(bytes)).toBe('image/tiff')
    expect(sniffImageType(bytes)).toBeUndefined()
  }
})

it('what the library does not call an image is none here either', () => {
  const bmpWithoutDibHeader = Buffer.concat([bmpImage().subarray(0, 14), Buffer.alloc(8)])
  for (const bytes of [Buffer.alloc(0), Buffer.from('GIF8 and no version'), bmpWithoutDibHeader]) {
    expect(imageContentType(bytes)).toBeUndefined()
  }
})
