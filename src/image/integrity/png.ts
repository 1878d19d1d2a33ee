// PNG's own integrity marks: IHDR first, every chunk whole, every critical chunk with a matching CRC-32,
// at least one IDAT, and an IEND. A CRC over 2 MB costs about a millisecond; it is what catches a file cut or scrambled mid-way.
import { buf as crc32 } from 'crc-32'

const SIGNATURE_LENGTH = 8
/** length (4) + type (4) before the data, CRC (4) after it. */
const CHUNK_OVERHEAD = 12

/** The reason the PNG is damaged, or undefined when its chunks are intact. */
export function pngDamage(bytes: Buffer): string | undefined {
  let offset = SIGNATURE_LENGTH
  let first = true
  let sawData = false
  while (offset + CHUNK_OVERHEAD <= bytes.length) {
    const length = bytes.readUInt32BE(offset)
    const type = bytes.toString('latin1', offset + 4, offset + 8)
    const end = offset + 8 + length
    if (!/^[A-Za-z]{4}$/.test(type)) return `chunk at byte ${offset} has no valid type`
    if (end + 4 > bytes.length)
      return `chunk ${type} at byte ${offset} runs past the end of the file`
    if (first && type !== 'IHDR') return `the first chunk is ${type}, not IHDR`
    // A critical chunk (upper-case first letter) with a bad CRC is an error to every decoder; libpng only
    // warns about an ancillary one (text, colour profile...) and drops it, so that is let through.
    const critical = type[0] === type[0]?.toUpperCase()
    if (critical && crc32(bytes.subarray(offset + 4, end)) !== bytes.readInt32BE(end)) {
      return `chunk ${type} at byte ${offset} fails its CRC`
    }
    if (type === 'IDAT') sawData = true
    if (type === 'IEND') return sawData ? undefined : 'there is no IDAT chunk'
    first = false
    offset = end + 4
  }
  return 'the file ends before the IEND chunk'
}
