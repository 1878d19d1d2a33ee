// WebP's own integrity marks: the RIFF length covers the file, and every chunk inside it is whole.

const RIFF_HEADER = 12 // "RIFF" + size + "WEBP"

export function webpDamage(bytes: Buffer): string | undefined {
  const riffEnd = 8 + bytes.readUInt32LE(4)
  if (riffEnd > bytes.length) {
    return `the RIFF length says ${riffEnd} bytes, the file has ${bytes.length}`
  }
  let offset = RIFF_HEADER
  if (offset + 8 > riffEnd) return 'the RIFF container holds no chunk'
  while (offset + 8 <= riffEnd) {
    const size = bytes.readUInt32LE(offset + 4)
    // A chunk of odd size is followed by one padding byte.
    const end = offset + 8 + size + (size % 2)
    if (end > riffEnd)
      return `chunk ${bytes.toString('latin1', offset, offset + 4)} runs past the RIFF length`
    offset = end
  }
  return offset === riffEnd ? undefined : 'the RIFF container ends inside a chunk header'
}
