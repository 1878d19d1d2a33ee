import sharp from 'sharp'

import { ImageDecodeError } from './types'

export interface DecodedImage {
  width: number
  height: number
  /**
   * Interleaved RGB, no alpha, in shared memory: the engine's threads (the detector's and each line
   * reader's) read the same pixels, where posting a plain buffer would copy it to every one of them.
   */
  data: Uint8Array
}

/**
 * Decodes any format sharp knows into raw pixels. The size is the stored one (EXIF orientation is not
 * applied), which is what img_size reports. Transparency is flattened onto white rather than dropped:
 * dropping it (removeAlpha) exposes whatever colour the encoder left under transparent pixels, often
 * black, and dark text on a transparent PNG would vanish.
 */
/**
 * The platform caps uploads at 2 MB but a 2 MB PNG can claim 100+ megapixels; past this (a 48 MP
 * phone photo fits) the emulator refuses, as the platform's 101002 "size over limit" does, rather
 * than inflate gigabytes of pixels.
 */
export const MAX_IMAGE_PIXELS = 8192 * 8192

export async function decodeImage(bytes: Buffer): Promise<DecodedImage> {
  if (bytes.length === 0) throw new ImageDecodeError('The image is empty (0 bytes).')
  try {
    const { data, info } = await sharp(bytes, { limitInputPixels: MAX_IMAGE_PIXELS })
      .flatten({ background: '#ffffff' })
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true })
    if (info.channels !== 3) throw new Error(`${info.channels} channels where RGB was asked for.`)
    const shared = new Uint8Array(new SharedArrayBuffer(data.length))
    shared.set(data)
    return { width: info.width, height: info.height, data: shared }
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause)
    throw new ImageDecodeError(`The bytes could not be decoded as an image: ${reason}`, { cause })
  }
}
