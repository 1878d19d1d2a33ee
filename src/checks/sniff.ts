// Reads an image's real type from its first bytes. The SDK turns contentType into the upload's file
// extension, so a wrong declared type reaches the platform as a wrong file: trust the bytes instead.

export type ImageType = 'jpeg' | 'png' | 'bmp' | 'gif' | 'webp'

export const IMAGE_MIME: Readonly<Record<ImageType, string>> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  bmp: 'image/bmp',
  gif: 'image/gif',
  webp: 'image/webp',
}

export const IMAGE_EXTENSION: Readonly<Record<ImageType, string>> = {
  jpeg: 'jpg',
  png: 'png',
  bmp: 'bmp',
  gif: 'gif',
  webp: 'webp',
}

function startsWith(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
  if (bytes.length < offset + signature.length) return false
  return signature.every((b, i) => bytes[offset + i] === b)
}

/** The image type the bytes really are, or undefined when they are no image we support. */
export function sniffImageType(bytes: Uint8Array): ImageType | undefined {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg'
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png'
  if (startsWith(bytes, [0x47, 0x49, 0x46, 0x38]) && (bytes[4] === 0x37 || bytes[4] === 0x39)) {
    return 'gif'
  }
  // RIFF....WEBP
  if (
    startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) &&
    startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8)
  ) {
    return 'webp'
  }
  // "BM" alone is two printable letters; also require a plausible DIB header size at offset 14.
  if (startsWith(bytes, [0x42, 0x4d]) && bytes.length >= 18) {
    const dibSize = (bytes[14] ?? 0) | ((bytes[15] ?? 0) << 8)
    if ([12, 40, 52, 56, 64, 108, 124].includes(dibSize)) return 'bmp'
  }
  return undefined
}
