// BMP's own integrity marks, and only header values a decoder accepts: one plane, 1, 4, 8, 16, 24 or 32
// bits per pixel (RLE8 with 8, RLE4 with 4, bit fields with 16 or 32), the pixel data after the headers,
// and the file size in the header and the pixel data it points at fit in the file.

const FILE_HEADER = 14
const FILE_SIZE_AT = 2
const PIXEL_OFFSET_AT = 10
const DIB_SIZE_AT = 14
/** BITMAPCOREHEADER (OS/2 1.x): 16-bit width and height, then planes and bits per pixel. */
const CORE_HEADER = 12

const BI_RGB = 0
const BI_RLE8 = 1
const BI_RLE4 = 2
const BI_BITFIELDS = 3
/** A BITMAPINFOHEADER with bit fields keeps its three masks after the 40 bytes. */
const MASKS_BYTES = 12
const INFO_HEADER = 40

const BITS_PER_PIXEL = [1, 4, 8, 16, 24, 32]
/** Compressions and the bits per pixel each one allows. */
const COMPRESSION_BITS: Readonly<Record<number, readonly number[]>> = {
  [BI_RGB]: BITS_PER_PIXEL,
  [BI_RLE8]: [8],
  [BI_RLE4]: [4],
  [BI_BITFIELDS]: [16, 32],
}

interface DibHeader {
  size: number
  planes: number
  bitsPerPixel: number
  compression: number
}

function dibHeaderOf(bytes: Buffer): DibHeader {
  const size = bytes.readUInt32LE(DIB_SIZE_AT)
  const fields = FILE_HEADER + (size === CORE_HEADER ? 8 : 12)
  return {
    size,
    planes: bytes.readUInt16LE(fields),
    bitsPerPixel: bytes.readUInt16LE(fields + 2),
    compression: size === CORE_HEADER ? BI_RGB : bytes.readUInt32LE(fields + 4),
  }
}

function headerValuesDamage(dib: DibHeader): string | undefined {
  if (dib.planes !== 1) return `the header gives ${dib.planes} planes, not 1`
  const allowed = COMPRESSION_BITS[dib.compression]
  if (allowed === undefined) return `the header names compression ${dib.compression}`
  if (!allowed.includes(dib.bitsPerPixel)) {
    return `the header gives ${dib.bitsPerPixel} bits per pixel with compression ${dib.compression}`
  }
  return undefined
}

export function bmpDamage(bytes: Buffer, width: number, height: number): string | undefined {
  const declared = bytes.readUInt32LE(FILE_SIZE_AT)
  // Some writers leave the size 0; a size larger than the file means it was cut.
  if (declared > bytes.length) {
    return `the header says ${declared} bytes, the file has ${bytes.length}`
  }
  const dib = dibHeaderOf(bytes)
  const values = headerValuesDamage(dib)
  if (values !== undefined) return values
  const masks = dib.compression === BI_BITFIELDS && dib.size === INFO_HEADER ? MASKS_BYTES : 0
  const headersEnd = FILE_HEADER + dib.size + masks
  const pixels = bytes.readUInt32LE(PIXEL_OFFSET_AT)
  if (pixels < headersEnd) {
    return `the pixel data offset ${pixels} lies inside the headers (they end at byte ${headersEnd})`
  }
  if (pixels >= bytes.length) return `the pixel data offset ${pixels} lies past the end of the file`
  if (dib.compression === BI_RGB || dib.compression === BI_BITFIELDS) {
    const rowBytes = Math.ceil((width * dib.bitsPerPixel) / 32) * 4
    const needed = pixels + rowBytes * Math.abs(height)
    if (needed > bytes.length) {
      return `the pixel data needs ${needed} bytes, the file has ${bytes.length}`
    }
  }
  return undefined
}
