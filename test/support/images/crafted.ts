// Images that are whole as far as their containers go (chunk lengths, CRCs, RIFF sizes, segment lengths)
// but whose headers or data no decoder accepts: what an attacker writes to get past container checks.
import { deflateSync } from 'node:zlib'

import { buf as crc32 } from 'crc-32'
import sharp from 'sharp'

import { bmpImage, imageOf } from './formats'

interface PngChunk {
  type: string
  data: Buffer
}

/** A PNG's chunks in order. */
export function pngChunks(png: Buffer): PngChunk[] {
  const chunks: PngChunk[] = []
  for (let at = 8; at + 12 <= png.length;) {
    const length = png.readUInt32BE(at)
    chunks.push({
      type: png.toString('latin1', at + 4, at + 8),
      data: png.subarray(at + 8, at + 8 + length),
    })
    at += 12 + length
  }
  return chunks
}

/** A PNG written from chunks, each with a fresh CRC. */
export function pngOf(chunks: readonly PngChunk[]): Buffer {
  const parts = chunks.map(({ type, data }) => {
    const head = Buffer.alloc(8)
    head.writeUInt32BE(data.length, 0)
    head.write(type, 4, 'latin1')
    const crc = Buffer.alloc(4)
    crc.writeInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0)
    return Buffer.concat([head, data, crc])
  })
  return Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), ...parts])
}

/** The PNG with its IDAT chunks replaced by one holding `data`, every CRC right. */
export function withImageData(png: Buffer, data: Buffer): Buffer {
  const chunks = pngChunks(png)
  const beforeData = chunks.filter((chunk) => chunk.type !== 'IDAT' && chunk.type !== 'IEND')
  return pngOf([...beforeData, { type: 'IDAT', data }, { type: 'IEND', data: Buffer.alloc(0) }])
}

/** The PNG's IDAT data joined: its zlib stream. */
export function imageDataOf(png: Buffer): Buffer {
  return Buffer.concat(
    pngChunks(png)
      .filter((c) => c.type === 'IDAT')
      .map((c) => c.data),
  )
}

/** A zlib stream of `bytes` zero bytes: whole, but the wrong length for most headers. */
export function zlibOfZeros(bytes: number): Buffer {
  return deflateSync(Buffer.alloc(bytes))
}

/** The PNG with one IHDR byte (offset into IHDR's data) set to `value`, CRC right. */
export function withHeaderByte(png: Buffer, at: number, value: number): Buffer {
  return pngOf(
    pngChunks(png).map((chunk) => {
      if (chunk.type !== 'IHDR') return chunk
      const data = Buffer.from(chunk.data)
      data[at] = value
      return { type: chunk.type, data }
    }),
  )
}

/** A JPEG without the segments of `marker` (before its first scan), lengths still right. */
export function withoutJpegSegments(jpeg: Buffer, marker: number): Buffer {
  const kept = [jpeg.subarray(0, 2)]
  for (let at = 2; at < jpeg.length;) {
    const type = jpeg[at + 1]
    if (type === 0xda) {
      kept.push(jpeg.subarray(at))
      break
    }
    const end = at + 2 + jpeg.readUInt16BE(at + 2)
    if (type !== marker) kept.push(jpeg.subarray(at, end))
    at = end
  }
  return Buffer.concat(kept)
}

/** A copy of a WebP with its first chunk's data bytes changed by `change`. */
export function withWebpChunk(
  webp: Buffer,
  fourCC: string,
  change: (data: Buffer) => void,
): Buffer {
  const copy = Buffer.from(webp)
  for (let at = 12; at + 8 <= copy.length;) {
    const size = copy.readUInt32LE(at + 4)
    if (copy.toString('latin1', at, at + 4) === fourCC) {
      change(copy.subarray(at + 8, at + 8 + size))
      return copy
    }
    at += 8 + size + (size % 2)
  }
  throw new Error(`no ${fourCC} chunk`)
}

/** A width x height BMP of `bits` per pixel (a grey palette below 16), rows padded to 4 bytes. */
export function bmpWithBits(bits: number, width = 5, height = 3): Buffer {
  const paletteBytes = bits <= 8 ? 4 * 2 ** bits : 0
  const offset = 54 + paletteBytes
  const rowBytes = Math.ceil((width * bits) / 32) * 4
  const size = offset + rowBytes * height
  const b = Buffer.alloc(size, 0x11)
  b.write('BM', 0, 'ascii')
  b.writeUInt32LE(size, 2)
  b.writeUInt32LE(offset, 10)
  b.writeUInt32LE(40, 14)
  b.writeInt32LE(width, 18)
  b.writeInt32LE(height, 22)
  b.writeUInt16LE(1, 26)
  b.writeUInt16LE(bits, 28)
  b.writeUInt32LE(0, 30)
  b.writeUInt32LE(rowBytes * height, 34)
  b.writeUInt32LE(0, 46)
  return b
}

/** One image a format's container check passes but no decoder accepts, for each format with such a case. */
export async function undecodableImages(): Promise<Array<[string, Buffer]>> {
  const png = await imageOf('png', 40, 24)
  const bmp = bmpImage(8, 4)
  bmp.writeUInt16LE(0, 28)
  const webp = withWebpChunk(await imageOf('webp', 40, 24), 'VP8 ', (data) => data.fill(0, 3, 6))
  const progressive = await sharp({
    create: { width: 40, height: 24, channels: 3, background: '#3a6' },
  })
    .jpeg({ progressive: true })
    .toBuffer()
  return [
    ['a PNG whose image data does not inflate', withImageData(png, Buffer.alloc(300, 0x5a))],
    ['a BMP of 0 bits per pixel', bmp],
    ['a WebP whose VP8 frame lacks its start code', webp],
    [
      'a progressive JPEG whose first scan uses an undefined Huffman table',
      withoutJpegSegments(progressive, 0xc4),
    ],
  ]
}
