// JPEG's own integrity marks: the segments from SOI are whole, a frame header (SOF) comes before the first
// scan, and the entropy-coded data runs to an EOI. Inside scan data a 0xFF byte is always followed by 0x00
// (stuffing) or a restart marker, so any other marker found there is the next segment: the walk follows
// the real structure and cannot be fooled by an EOI inside an EXIF thumbnail. Each scan may use only the
// tables defined before it, as libjpeg-turbo (sharp's decoder) requires: the quantization table of each of
// its components (DQT), and its Huffman tables (DHT), except that a sequential scan may use tables 0 and 1
// undefined (libjpeg-turbo then takes the standard's tables, as Motion-JPEG frames expect). The scan data
// itself cannot be checked without decoding it.

const SOI_LENGTH = 2
const EOI = 0xd9
const SOS = 0xda
/** SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC). */
function isFrameHeader(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)
}
const DHT = 0xc4
const DQT = 0xdb
/** Frames coded with Huffman tables: baseline, extended sequential, progressive. */
const SEQUENTIAL_HUFFMAN = [0xc0, 0xc1]
const PROGRESSIVE_HUFFMAN = 0xc2
/** Huffman tables a sequential scan may leave undefined (libjpeg-turbo's standard tables). */
const STANDARD_TABLES = [0, 1]

interface Tables {
  /** Frame marker (SOF0...), and each component's quantization table by component id. */
  frame: number | undefined
  quantizationOf: Map<number, number>
  quantization: Set<number>
  /** "dc0", "ac1"...: Huffman tables defined so far. */
  huffman: Set<string>
}

function readFrame(data: Buffer, marker: number, tables: Tables): void {
  tables.frame = marker
  const components = data[5] ?? 0
  for (let i = 0; i < components; i++) {
    tables.quantizationOf.set(data[6 + i * 3] ?? -1, data[8 + i * 3] ?? -1)
  }
}

/** DQT holds tables of 64 entries, each 1 byte (Pq 0) or 2 (Pq 1). */
function readQuantization(data: Buffer, tables: Tables): void {
  for (let at = 0; at < data.length;) {
    const info = data[at] ?? 0
    tables.quantization.add(info & 0x0f)
    at += 1 + 64 * (info >> 4 === 0 ? 1 : 2)
  }
}

/** DHT holds tables of 16 code-length counts followed by that many symbols. */
function readHuffman(data: Buffer, tables: Tables): void {
  for (let at = 0; at + 17 <= data.length;) {
    const info = data[at] ?? 0
    tables.huffman.add(`${info >> 4 === 0 ? 'dc' : 'ac'}${info & 0x0f}`)
    let symbols = 0
    for (let i = 1; i <= 16; i++) symbols += data[at + i] ?? 0
    at += 17 + symbols
  }
}

const undefinedTable = (table: string) => `a scan uses ${table}, not defined before it`

/** What is wrong with a scan's components and tables, or undefined when all are defined. */
function scanDamage(data: Buffer, tables: Tables): string | undefined {
  const count = data[0] ?? 0
  const spectralStart = data[1 + count * 2] ?? 0
  const successiveHigh = (data[3 + count * 2] ?? 0) >> 4
  const sequential = SEQUENTIAL_HUFFMAN.includes(tables.frame ?? -1)
  const progressive = tables.frame === PROGRESSIVE_HUFFMAN
  for (let i = 0; i < count; i++) {
    const component = data[1 + i * 2] ?? -1
    const quantization = tables.quantizationOf.get(component)
    if (quantization === undefined)
      return `a scan uses component ${component}, which the frame does not have`
    if (!tables.quantization.has(quantization))
      return undefinedTable(`quantization table ${quantization}`)
    const ids = data[2 + i * 2] ?? 0
    const used: string[] = []
    if (sequential) used.push(`dc${ids >> 4}`, `ac${ids & 0x0f}`)
    // A progressive scan is DC (first pass only: refinements read raw bits) or AC.
    if (progressive && spectralStart === 0 && successiveHigh === 0) used.push(`dc${ids >> 4}`)
    if (progressive && spectralStart > 0) used.push(`ac${ids & 0x0f}`)
    for (const table of used) {
      const standard = sequential && STANDARD_TABLES.includes(Number(table.slice(2)))
      if (!tables.huffman.has(table) && !standard)
        return undefinedTable(`Huffman table ${table.toUpperCase()}`)
    }
  }
  return undefined
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
  const tables: Tables = {
    frame: undefined,
    quantizationOf: new Map(),
    quantization: new Set(),
    huffman: new Set(),
  }
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
    const data = bytes.subarray(offset + 4, end)
    if (isFrameHeader(marker)) {
      sawFrame = true
      readFrame(data, marker, tables)
    }
    if (marker === DQT) readQuantization(data, tables)
    if (marker === DHT) readHuffman(data, tables)
    if (marker === SOS) {
      if (!sawFrame) return 'a scan (SOS) comes before any frame header (SOF)'
      const damage = scanDamage(data, tables)
      if (damage !== undefined) return damage
      sawScan = true
      offset = endOfScan(bytes, end)
    } else {
      offset = end
    }
  }
  return 'the file ends before the end-of-image marker (EOI)'
}
