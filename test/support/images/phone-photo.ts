import sharp from 'sharp'

import { SeededRandom } from './random'
import type { Corners, GeneratedImage } from './truth'

/**
 * How a picture reaches the platform from a phone: taken at the camera's resolution (the page
 * upscaled), with sensor grain, saved as a JPEG, shrunk by `wx.compressImage` and saved again. Each
 * resample blurs every glyph's edges and each JPEG rings around them; that is what the engine's
 * space rule must survive.
 */
export interface PhotoRecipe {
  /** Stable name, part of the photo's name (`card-3.photo-2.3x`). */
  name: string
  /** The camera's size against the image's; 1 skips the camera step (no grain, no first JPEG). */
  cameraScale: number
  /** Amplitude of uniform per-pixel noise added at the camera's size (±noise on every channel). */
  noise: number
  /** JPEG quality of the camera's file. */
  cameraQuality: number
  /** The uploaded size against the image's: 1 scales back to it; the truth is scaled to match. */
  uploadScale: number
  /** JPEG quality of the uploaded file. */
  uploadQuality: number
}

/**
 * The recipes the corpus is photographed with. The first is the issue's own (a 4000-px photo of a
 * 1740-px page compressed for upload); the others vary the scale, grain and qualities; the last is
 * the mildest path, one resample and one JPEG.
 */
export const PHOTO_RECIPES: readonly PhotoRecipe[] = [
  {
    name: 'photo-2.3x',
    cameraScale: 2.3,
    noise: 3,
    cameraQuality: 95,
    uploadScale: 1,
    uploadQuality: 85,
  },
  {
    name: 'photo-1.6x',
    cameraScale: 1.6,
    noise: 5,
    cameraQuality: 90,
    uploadScale: 1,
    uploadQuality: 80,
  },
  {
    name: 'photo-3.1x',
    cameraScale: 3.1,
    noise: 2,
    cameraQuality: 95,
    uploadScale: 1,
    uploadQuality: 90,
  },
  {
    name: 'resample-1.3x',
    cameraScale: 1,
    noise: 0,
    cameraQuality: 100,
    uploadScale: 1.3,
    uploadQuality: 90,
  },
]

/** A seed from the image's and recipe's names, so every photo has its own grain, the same each run. */
function seedOf(text: string): number {
  let hash = 2166136261
  for (const char of text) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619)
  return hash >>> 0
}

/** Grain repeats with this period: primes, so it lines up with no layout's grid. */
const GRAIN_TILE = { width: 127, height: 113, channels: 3 } as const

/**
 * The pixels with seeded uniform noise of ±amplitude on every channel: a tile of grain added by
 * sharp. Adding it in a per-pixel JS loop took minutes under jest for the A4 page's camera image.
 */
function withNoise(pixels: sharp.Sharp, amplitude: number, seed: number): sharp.Sharp {
  const random = new SeededRandom(seed)
  const { width, height, channels } = GRAIN_TILE
  const grain = Buffer.alloc(width * height * channels)
  for (let i = 0; i < grain.length; i++) grain[i] = random.int(0, 2 * amplitude)
  return pixels
    .linear(1, -amplitude)
    .composite([{ input: grain, raw: GRAIN_TILE, tile: true, blend: 'add' }])
}

function scaleCorners(corners: Corners, sx: number, sy: number): Corners {
  return corners.map(({ x, y }) => ({ x: x * sx, y: y * sy })) as Corners
}

/** The image as a phone photo made by `recipe`: same text, truth scaled to the uploaded size. */
export async function asPhonePhoto(
  image: GeneratedImage,
  recipe: PhotoRecipe,
): Promise<GeneratedImage> {
  const { w, h } = image.truth
  let camera = image.bytes
  if (recipe.cameraScale !== 1) {
    const upscaled = sharp(image.bytes)
      .removeAlpha()
      .resize(Math.round(w * recipe.cameraScale), Math.round(h * recipe.cameraScale))
    const grainy = withNoise(upscaled, recipe.noise, seedOf(`${image.name}/${recipe.name}`))
    camera = await grainy.jpeg({ quality: recipe.cameraQuality }).toBuffer()
  }
  const upload = { w: Math.round(w * recipe.uploadScale), h: Math.round(h * recipe.uploadScale) }
  const bytes = await sharp(camera)
    .removeAlpha()
    .resize(upload.w, upload.h)
    .jpeg({ quality: recipe.uploadQuality })
    .toBuffer()
  const [sx, sy] = [upload.w / w, upload.h / h]
  const lines = image.truth.lines.map((line) => ({
    ...line,
    corners: scaleCorners(line.corners, sx, sy),
  }))
  return {
    name: `${image.name}.${recipe.name}`,
    bytes,
    format: 'jpeg',
    truth: { w: upload.w, h: upload.h, lines },
  }
}
