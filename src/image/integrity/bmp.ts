// BMP's own integrity marks: the file size in the header and the pixel data it points at fit in the file.

const PIXEL_OFFSET_AT = 10
const FILE_SIZE_AT = 2
const BI_RGB = 0
const BI_BITFIELDS = 3

export function bmpDamage(bytes: Buffer, width: number, height: number): string | undefined {
  const declared = bytes.readUInt32LE(FILE_SIZE_AT)
  // Some writers leave the size 0; a size larger than the file means it was cut.
  if (declared > bytes.length) {
    return `the header says ${declared} bytes, the file has ${bytes.length}`
  }
  const pixels = bytes.readUInt32LE(PIXEL_OFFSET_AT)
  if (pixels >= bytes.length) return `the pixel data offset ${pixels} lies past the end of the file`
  const dibSize = bytes.readUInt32LE(14)
  if (dibSize >= 40 && bytes.length >= 34) {
    const bitsPerPixel = bytes.readUInt16LE(28)
    const compression = bytes.readUInt32LE(30)
    if (compression === BI_RGB || compression === BI_BITFIELDS) {
      const rowBytes = Math.ceil((width * bitsPerPixel) / 32) * 4
      const needed = pixels + rowBytes * Math.abs(height)
      if (needed > bytes.length)
        return `the pixel data needs ${needed} bytes, the file has ${bytes.length}`
    }
  }
  return undefined
}
