// WebP's own integrity marks: the RIFF length covers the file, every chunk inside it is whole, and the
// image chunk's header is one libwebp decodes: a VP8 (lossy) key frame that is shown, with the start code
// 9d 01 2a and a first partition that fits the chunk; a VP8L (lossless) signature 0x2f with version 0; a
// VP8X canvas of 10 bytes with its reserved flag bits zero (libwebp's demuxer, which sharp uses, refuses
// them; the 24 reserved bits after the flags it ignores, and so does this check), under libwebp's area
// limit, followed by an image.

const RIFF_HEADER = 12 // "RIFF" + size + "WEBP"
const CHUNK_HEADER = 8 // FourCC + size

const VP8_FRAME_HEADER = 10 // frame tag (3), start code (3), width and height (2 + 2)
const VP8_START_CODE = [0x9d, 0x01, 0x2a]
const VP8L_HEADER = 5 // signature (1), 14 + 14 + 1 + 3 bits
const VP8L_SIGNATURE = 0x2f
const VP8X_SIZE = 10
/** The flag byte's reserved bits: the two highest and the lowest. */
const VP8X_RESERVED_FLAGS = 0xc1
/** libwebp refuses a canvas of 2^32 pixels or more. */
const MAX_CANVAS_AREA = 2 ** 32

interface Chunk {
  fourCC: string
  data: Buffer
}

function chunksOf(bytes: Buffer): Chunk[] | string {
  const riffEnd = 8 + bytes.readUInt32LE(4)
  if (riffEnd > bytes.length) {
    return `the RIFF length says ${riffEnd} bytes, the file has ${bytes.length}`
  }
  const chunks: Chunk[] = []
  let offset = RIFF_HEADER
  if (offset + CHUNK_HEADER > riffEnd) return 'the RIFF container holds no chunk'
  while (offset + CHUNK_HEADER <= riffEnd) {
    const fourCC = bytes.toString('latin1', offset, offset + 4)
    const size = bytes.readUInt32LE(offset + 4)
    // A chunk of odd size is followed by one padding byte.
    const end = offset + CHUNK_HEADER + size + (size % 2)
    if (end > riffEnd) return `chunk ${fourCC} runs past the RIFF length`
    chunks.push({
      fourCC,
      data: bytes.subarray(offset + CHUNK_HEADER, offset + CHUNK_HEADER + size),
    })
    offset = end
  }
  return offset === riffEnd ? chunks : 'the RIFF container ends inside a chunk header'
}

function lossyDamage(data: Buffer): string | undefined {
  if (data.length < VP8_FRAME_HEADER) return 'its VP8 chunk is shorter than a frame header'
  const tag = data.readUIntLE(0, 3)
  if ((tag & 1) !== 0) return 'its VP8 frame is not a key frame'
  if (((tag >> 1) & 7) > 3) return `its VP8 frame has version ${(tag >> 1) & 7}`
  if (((tag >> 4) & 1) === 0) return 'its VP8 frame is not meant to be shown'
  const firstPartition = tag >> 5
  if (firstPartition > data.length - VP8_FRAME_HEADER) {
    return `its first VP8 partition (${firstPartition} bytes) does not fit the chunk`
  }
  if (!VP8_START_CODE.every((byte, i) => data[3 + i] === byte)) {
    return 'its VP8 frame lacks the start code 9d 01 2a'
  }
  if ((data.readUInt16LE(6) & 0x3fff) === 0 || (data.readUInt16LE(8) & 0x3fff) === 0) {
    return 'its VP8 frame has no width or height'
  }
  return undefined
}

function losslessDamage(data: Buffer): string | undefined {
  if (data.length < VP8L_HEADER) return 'its VP8L chunk is shorter than its header'
  if (data[0] !== VP8L_SIGNATURE) return 'its VP8L chunk lacks the signature byte 0x2f'
  const version = (data[4] ?? 0) >> 5
  if (version !== 0) return `its VP8L header has version ${version}`
  return undefined
}

function canvasDamage(data: Buffer, rest: readonly Chunk[]): string | undefined {
  if (data.length !== VP8X_SIZE) return `its VP8X chunk is ${data.length} bytes, not ${VP8X_SIZE}`
  if (((data[0] ?? 0) & VP8X_RESERVED_FLAGS) !== 0) return 'its VP8X flags set reserved bits'
  const width = 1 + data.readUIntLE(4, 3)
  const height = 1 + data.readUIntLE(7, 3)
  if (width * height >= MAX_CANVAS_AREA) return `its canvas of ${width}x${height} is too large`
  const image = rest.find((chunk) => ['VP8 ', 'VP8L', 'ANMF'].includes(chunk.fourCC))
  if (image === undefined) return 'its VP8X canvas is followed by no image'
  return image.fourCC === 'ANMF' ? undefined : imageDamage(image)
}

function imageDamage(chunk: Chunk): string | undefined {
  return chunk.fourCC === 'VP8 ' ? lossyDamage(chunk.data) : losslessDamage(chunk.data)
}

export function webpDamage(bytes: Buffer): string | undefined {
  const chunks = chunksOf(bytes)
  if (typeof chunks === 'string') return chunks
  const [first, ...rest] = chunks
  switch (first?.fourCC) {
    case 'VP8 ':
    case 'VP8L':
      return imageDamage(first)
    case 'VP8X':
      return canvasDamage(first.data, rest)
    default:
      return `its first chunk is ${first?.fourCC ?? 'missing'}, not VP8, VP8L or VP8X`
  }
}
