// Plain images (one colour, no text) in each supported format, for the image checks and for every test
// that needs real bytes of a given size. sharp cannot write BMP, so that header is written here.
import { randomBytes } from 'node:crypto'

import sharp from 'sharp'

import type { ImageType } from '../../../src/checks/sniff'

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

function plainImage(
  type: Exclude<ImageType, 'bmp'>,
  width: number,
  height: number,
  background: string,
): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background } })
    .toFormat(type)
    .toBuffer()
}

export async function imageOf(type: ImageType, width = 24, height = 16): Promise<Buffer> {
  if (type === 'bmp') return bmpImage(width, height)
  return plainImage(type, width, height, '#3366cc')
}

/** A white PNG; a different size gives different bytes (the cache tests need distinct images). */
export function pngImage(width = 320, height = 160, background = '#ffffff'): Promise<Buffer> {
  return plainImage('png', width, height, background)
}

export function jpegImage(width = 320, height = 160): Promise<Buffer> {
  return plainImage('jpeg', width, height, '#f0f0f0')
}

/** A real PNG larger than the platform's 2 MB limit (noise does not compress). */
export async function oversizedPng(): Promise<Buffer> {
  const width = 1000
  const height = 800
  const noise = randomBytes(width * height * 3)
  return sharp(noise, { raw: { width, height, channels: 3 } })
    .png({ compressionLevel: 0 })
    .toBuffer()
}

export const IMAGE_TYPES: readonly ImageType[] = ['jpeg', 'png', 'gif', 'webp', 'bmp']
