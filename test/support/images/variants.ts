import sharp from 'sharp'

import type { GeneratedImage } from './truth'

/**
 * The same picture as a JPEG, as a phone would upload it: lossy edges around every glyph, same truth.
 * (standardCorpus() encodes its JPEG cases with canvas; this serves tests that start from any image.)
 */
export async function asJpeg(image: GeneratedImage, quality = 85): Promise<GeneratedImage> {
  const bytes = await sharp(image.bytes).jpeg({ quality }).toBuffer()
  return { ...image, name: `${image.name}.jpg`, bytes, format: 'jpeg' }
}
