// GIF's own integrity marks: every block after the screen descriptor is whole (extensions and image data
// are chains of sub-blocks ending in a zero length), there is at least one image, and the file ends with
// the trailer (0x3B).

const HEADER_LENGTH = 13 // "GIF89a" + logical screen descriptor
const EXTENSION = 0x21
const IMAGE = 0x2c
const TRAILER = 0x3b

/** Size of a colour table announced by a packed flags byte, or 0 when there is none. */
function colorTableBytes(flags: number): number {
  return flags & 0x80 ? 3 * 2 ** ((flags & 0x07) + 1) : 0
}

/** Skips a chain of sub-blocks; returns the offset after its zero terminator, or -1 when cut short. */
function skipSubBlocks(bytes: Buffer, offset: number): number {
  let at = offset
  while (at < bytes.length) {
    const size = bytes[at] ?? 0
    if (size === 0) return at + 1
    at += size + 1
  }
  return -1
}

export function gifDamage(bytes: Buffer): string | undefined {
  if (bytes.length < HEADER_LENGTH) return 'the file ends inside the header'
  let offset = HEADER_LENGTH + colorTableBytes(bytes[10] ?? 0)
  let images = 0
  while (offset < bytes.length) {
    const block = bytes[offset]
    if (block === TRAILER) return images > 0 ? undefined : 'there is no image in the file'
    if (block === EXTENSION) {
      offset = skipSubBlocks(bytes, offset + 2)
    } else if (block === IMAGE) {
      if (offset + 11 > bytes.length) break
      images++
      // descriptor (10) + local colour table + LZW minimum code size (1), then the data sub-blocks
      offset = skipSubBlocks(bytes, offset + 11 + colorTableBytes(bytes[offset + 9] ?? 0))
    } else {
      return `unknown block 0x${(block ?? 0).toString(16)} at byte ${offset}`
    }
    if (offset === -1) break
  }
  return 'the file ends before the trailer'
}
