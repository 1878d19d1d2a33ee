// Which image the bytes are, for the local cloud: the library's sniffer (src/checks/sniff.ts) and one
// format more, TIFF. The library refuses TIFF because it promises only the formats its own checks read;
// the local cloud stands in for the platform, which is not documented to refuse TIFF, and its engine
// decodes TIFF like every format sharp knows, so an img_url serving TIFF is recognized here, as an
// uploaded TIFF (which reaches the engine without a sniff) always was.
import { IMAGE_MIME, sniffImageType } from '../../src/checks/sniff'

const TIFF_SIGNATURES: readonly (readonly number[])[] = [
  [0x49, 0x49, 0x2a, 0x00],
  [0x4d, 0x4d, 0x00, 0x2a],
]

/** The image's content type from its bytes, or undefined when they are no image. */
export function imageContentType(bytes: Uint8Array): string | undefined {
  const type = sniffImageType(bytes)
  if (type !== undefined) return IMAGE_MIME[type]
  const tiff = TIFF_SIGNATURES.some((signature) => signature.every((b, i) => bytes[i] === b))
  return tiff ? 'image/tiff' : undefined
}
