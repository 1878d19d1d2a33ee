// JPEG's own integrity marks: the segments from SOI are whole, a frame header (SOF) comes before the first
// scan, and the entropy-coded data runs to an EOI. Inside scan data a 0xFF byte is always followed by 0x00
// (stuffing) or a restart marker, so any other marker found there is the next segment: the walk follows
// the real structure and cannot be fooled by an EOI inside an EXIF thumbnail.

const SOI_LENGTH = 2
const EOI = 0xd9
const SOS = 0xda
/** SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC). */
function isFrameHeader(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)
}
/** Markers without a length: TEM, RST0..RST7. */
function isStandalone(marker: number): boolean {
  return marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)
}

/** Skips entropy-coded data from `offset`; returns the offset of the next real marker's 0xFF. */
function endOfScan(bytes: Buffer, offset: number): number {
  let at = bytes.indexOf(0xff, offset)
  while (at !== -1 && at + 1 < bytes.length) {
    const next = bytes[at + 1] ?? 0
    if (next !== 0x00 && next !== 0xff && !(next >= 0xd0 && next <= 0xd7)) return at
    at = bytes.indexOf(0xff, at + 1)
  }
  return bytes.length
}

export function jpegDamage(bytes: Buffer): string | undefined {
  let offset = SOI_LENGTH
  let sawFrame = false
  let sawScan = false
  while (offset + 1 < bytes.length) {
    if (bytes[offset] !== 0xff) {
      // libjpeg skips stray bytes before a marker with a warning; some cameras write a few.
      const next = bytes.indexOf(0xff, offset)
      if (next === -1) break
      offset = next
      continue
    }
    const marker = bytes[offset + 1] ?? 0
    if (marker === 0xff) {
      offset++ // fill byte
      continue
    }
    if (marker === EOI) {
      if (!sawFrame) return 'there is no frame header (SOF)'
      return sawScan ? undefined : 'there is no scan (SOS)'
    }
    if (isStandalone(marker)) {
      offset += 2
      continue
    }
    if (offset + 4 > bytes.length) break
    const length = bytes.readUInt16BE(offset + 2)
    const end = offset + 2 + length
    if (length < 2 || end > bytes.length)
      return `segment FF${marker.toString(16)} runs past the end`
    if (isFrameHeader(marker)) sawFrame = true
    if (marker === SOS) {
      if (!sawFrame) return 'a scan (SOS) comes before any frame header (SOF)'
      sawScan = true
      offset = endOfScan(bytes, end)
    } else {
      offset = end
    }
  }
  return 'the file ends before the end-of-image marker (EOI)'
}
