// An image's structure, checked before any call that spends quota: the header read by image-size (type
// and dimensions), then the format's own integrity marks. A file that starts with a valid signature and
// goes on with garbage is refused here instead of coming back from the platform as 101002. Asynchronous
// because a PNG's image data is inflated (off the main thread, into a sink that discards it).
import { imageSize } from 'image-size'

import type { ImageType } from '../sniff'
import { bmpDamage } from './bmp'
import { gifDamage } from './gif'
import { jpegDamage } from './jpeg'
import { imageDataDamage, readPngChunks } from './png'
import { webpDamage } from './webp'

export interface ImageDimensions {
  width: number
  height: number
}

export type ImageStructure = ({ ok: true } & ImageDimensions) | { ok: false; reason: string }

/** image-size's names for our types. */
const SIZE_TYPE: Readonly<Record<ImageType, string>> = {
  jpeg: 'jpg',
  png: 'png',
  bmp: 'bmp',
  gif: 'gif',
  webp: 'webp',
}

function readHeader(bytes: Buffer, type: ImageType): ImageDimensions | string {
  let size: ReturnType<typeof imageSize>
  try {
    size = imageSize(bytes)
  } catch (error) {
    return `its header cannot be read (${error instanceof Error ? error.message : String(error)})`
  }
  if (size.type !== SIZE_TYPE[type]) return `its header is not a ${type} header`
  if (!(size.width > 0 && size.height > 0)) {
    return `its header gives no dimensions (${size.width}x${size.height})`
  }
  return { width: size.width, height: size.height }
}

async function pngDamage(bytes: Buffer): Promise<string | undefined> {
  const chunks = readPngChunks(bytes)
  return typeof chunks === 'string' ? chunks : imageDataDamage(chunks)
}

async function damageOf(
  bytes: Buffer,
  type: ImageType,
  size: ImageDimensions,
): Promise<string | undefined> {
  switch (type) {
    case 'png':
      return pngDamage(bytes)
    case 'jpeg':
      return jpegDamage(bytes)
    case 'gif':
      return gifDamage(bytes)
    case 'webp':
      return webpDamage(bytes)
    case 'bmp':
      return bmpDamage(bytes, size.width, size.height)
  }
}

/** Reads the header and the integrity marks of bytes already sniffed as `type`. Never rejects. */
export async function inspectImageStructure(
  bytes: Buffer,
  type: ImageType,
): Promise<ImageStructure> {
  const header = readHeader(bytes, type)
  if (typeof header === 'string') return { ok: false, reason: header }
  let damage: string | undefined
  try {
    damage = await damageOf(bytes, type, header)
  } catch (error) {
    // A read past the end of a cut file (RangeError) is damage too.
    damage = `it is cut short (${error instanceof Error ? error.message : String(error)})`
  }
  return damage === undefined ? { ok: true, ...header } : { ok: false, reason: damage }
}
