// PNG's own integrity marks: IHDR first with values a decoder accepts, every chunk whole, every critical
// chunk with a matching CRC-32, at least one IDAT, and an IEND. A CRC over 2 MB costs about a millisecond;
// it is what catches a file cut or scrambled mid-way. Then the image data itself: the IDAT chunks joined
// are one zlib stream, inflated into a sink that only counts (never more than the 2 MB of the file in, and
// never more out than the header's rows need, nor than MAX_INFLATED_BYTES), which catches a stream
// written whole with fresh CRCs that no decoder can inflate.
import { createInflate } from 'node:zlib'

import { buf as crc32 } from 'crc-32'

const SIGNATURE_LENGTH = 8
/** length (4) + type (4) before the data, CRC (4) after it. */
const CHUNK_OVERHEAD = 12
const IHDR_LENGTH = 13
/**
 * Rows beyond this are not inflated: 2 MB of zlib can claim about 2 GB, which takes seconds to inflate
 * even into a sink; 256 MiB (an 8192 x 8192 RGBA image) takes a fraction of one.
 */
export const MAX_INFLATED_BYTES = 256 * 1024 * 1024

/** Bit depths each colour type allows (PNG spec, table 11.1): 0 grey, 2 RGB, 3 palette, 4/6 with alpha. */
const BIT_DEPTHS: Readonly<Record<number, readonly number[]>> = {
  0: [1, 2, 4, 8, 16],
  2: [8, 16],
  3: [1, 2, 4, 8],
  4: [8, 16],
  6: [8, 16],
}
const CHANNELS: Readonly<Record<number, number>> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 }

interface PngHeader {
  width: number
  height: number
  bitDepth: number
  colorType: number
  interlaced: boolean
}

export interface PngChunks {
  header: PngHeader
  /** The IDAT chunks' data, joined: one zlib stream. */
  imageData: Buffer
}

function headerDamage(data: Buffer): string | PngHeader {
  if (data.length !== IHDR_LENGTH) return `IHDR is ${data.length} bytes, not ${IHDR_LENGTH}`
  const [bitDepth = 0, colorType = 0, compression, filter, interlace = 0] = data.subarray(8)
  if (!(BIT_DEPTHS[colorType] ?? []).includes(bitDepth)) {
    return `IHDR gives colour type ${colorType} with bit depth ${bitDepth}, which no decoder reads`
  }
  if (compression !== 0 || filter !== 0 || interlace > 1) {
    return `IHDR names compression ${compression}, filter ${filter}, interlace ${interlace}`
  }
  const width = data.readUInt32BE(0)
  const height = data.readUInt32BE(4)
  return { width, height, bitDepth, colorType, interlaced: interlace === 1 }
}

/** The chunks of a PNG, or the reason it is damaged. */
export function readPngChunks(bytes: Buffer): PngChunks | string {
  let offset = SIGNATURE_LENGTH
  let header: PngHeader | undefined
  const imageData: Buffer[] = []
  while (offset + CHUNK_OVERHEAD <= bytes.length) {
    const length = bytes.readUInt32BE(offset)
    const type = bytes.toString('latin1', offset + 4, offset + 8)
    const end = offset + 8 + length
    if (!/^[A-Za-z]{4}$/.test(type)) return `chunk at byte ${offset} has no valid type`
    if (end + 4 > bytes.length)
      return `chunk ${type} at byte ${offset} runs past the end of the file`
    if (header === undefined && type !== 'IHDR') return `the first chunk is ${type}, not IHDR`
    // A critical chunk (upper-case first letter) with a bad CRC is an error to every decoder; libpng only
    // warns about an ancillary one (text, colour profile...) and drops it, so that is let through.
    const critical = type[0] === type[0]?.toUpperCase()
    if (critical && crc32(bytes.subarray(offset + 4, end)) !== bytes.readInt32BE(end)) {
      return `chunk ${type} at byte ${offset} fails its CRC`
    }
    if (header === undefined) {
      const read = headerDamage(bytes.subarray(offset + 8, end))
      if (typeof read === 'string') return read
      header = read
    }
    if (type === 'IDAT') imageData.push(bytes.subarray(offset + 8, end))
    if (type === 'IEND') {
      if (imageData.length === 0) return 'there is no IDAT chunk'
      return { header, imageData: Buffer.concat(imageData) }
    }
    offset = end + 4
  }
  return 'the file ends before the IEND chunk'
}

/** Filtered bytes of `width` x `height` pixels: each row is its filter byte and its packed pixels. */
function rowsBytes(header: PngHeader, width: number, height: number): number {
  if (width === 0 || height === 0) return 0
  const bitsPerPixel = header.bitDepth * (CHANNELS[header.colorType] ?? 1)
  return height * (1 + Math.ceil((width * bitsPerPixel) / 8))
}

/** Adam7's seven passes: starting column and row, and the step between them. */
const ADAM7 = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
] as const

/** How many bytes the image data must inflate to, by the header. */
export function inflatedLengthOf(header: PngHeader): number {
  const { width, height } = header
  if (!header.interlaced) return rowsBytes(header, width, height)
  return ADAM7.reduce((total, [column, row, columnStep, rowStep]) => {
    const passWidth = Math.ceil(Math.max(0, width - column) / columnStep)
    const passHeight = Math.ceil(Math.max(0, height - row) / rowStep)
    return total + rowsBytes(header, passWidth, passHeight)
  }, 0)
}

/**
 * Inflates the image data into a sink that counts and discards. Once the rows the header needs are out,
 * the rest is not inflated: a decoder stops there too (libpng only warns about extra data). An image of
 * more than MAX_INFLATED_BYTES of rows is checked that far.
 */
export function imageDataDamage({ header, imageData }: PngChunks): Promise<string | undefined> {
  const needed = inflatedLengthOf(header)
  const enough = Math.min(needed, MAX_INFLATED_BYTES)
  return new Promise((resolve) => {
    const inflate = createInflate({ chunkSize: 64 * 1024 })
    let produced = 0
    let settled = false
    const settle = (damage: string | undefined) => {
      if (settled) return
      settled = true
      inflate.destroy()
      resolve(damage)
    }
    inflate.on('data', (chunk: Buffer) => {
      produced += chunk.length
      if (produced >= enough) settle(undefined)
    })
    inflate.on('error', (error) => settle(`its image data does not inflate (${error.message})`))
    inflate.on('end', () =>
      settle(`its image data inflates to ${produced} bytes; its rows need ${needed}`),
    )
    inflate.end(imageData)
  })
}
