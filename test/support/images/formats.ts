// One small, valid image in each supported format, for the image checks' tests. sharp cannot write BMP,
// so that header is written here.
import sharp from 'sharp'

import type { ImageType } from '../../../src/image/sniff'

/** A width x height 24-bit BMP with its pixel rows padded to 4 bytes, as every reader expects. */
export function bmpImage(width = 3, height = 2): Buffer {
  const rowBytes = Math.ceil((width * 24) / 32) * 4
  const size = 54 + rowBytes * height
  const b = Buffer.alloc(size, 0x80)
  b.write('BM', 0, 'ascii')
  b.writeUInt32LE(size, 2)
  b.writeUInt32LE(0, 6)
  b.writeUInt32LE(54, 10)
  b.writeUInt32LE(40, 14)
  b.writeInt32LE(width, 18)
  b.writeInt32LE(height, 22)
  b.writeUInt16LE(1, 26)
  b.writeUInt16LE(24, 28)
  b.writeUInt32LE(0, 30)
  b.writeUInt32LE(rowBytes * height, 34)
  return b
}

export async function imageOf(type: ImageType, width = 24, height = 16): Promise<Buffer> {
  if (type === 'bmp') return bmpImage(width, height)
  return sharp({ create: { width, height, channels: 3, background: '#3366cc' } })
    .toFormat(type)
    .toBuffer()
}

export const IMAGE_TYPES: readonly ImageType[] = ['jpeg', 'png', 'gif', 'webp', 'bmp']
