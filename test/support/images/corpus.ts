import { a4Page, slideScene } from './layout-document'
import { randomTextCard } from './layout-random'
import { englishNotice, receiptScreenshot } from './layout-receipt'
import { chatScreenshot, settingsScreenshot } from './layout-screenshot'
import { asPhonePhoto, PHOTO_RECIPES } from './phone-photo'
import type { PhotoRecipe } from './phone-photo'
import { generateTextImage } from './render'
import type { TextImageSpec } from './render'
import type { GeneratedImage } from './truth'

/**
 * The named cases the engine is held to: 12 random cards, 5 phone screenshots, 3 receipts and 2
 * English notices (the lines whose spaces matter), the 1280x720 scene, the A4 page, and JPEG variants
 * of five of them. Names are stable so failures can be reproduced alone.
 */
export function standardCorpusSpecs(): TextImageSpec[] {
  const cards = Array.from({ length: 12 }, (_, i) => randomTextCard(`card-${i + 1}`, 1000 + i))
  const screens = [
    chatScreenshot('chat-1', 21),
    chatScreenshot('chat-2', 22),
    chatScreenshot('chat-3', 23),
    settingsScreenshot('settings-1', 31),
    settingsScreenshot('settings-2', 32),
  ]
  // Lines whose spaces PP-OCRv4 drops: Latin words, dates with times, version strings.
  const spaced = [
    receiptScreenshot('receipt-1', 41),
    receiptScreenshot('receipt-2', 42),
    receiptScreenshot('receipt-3', 43),
    englishNotice('notice-1', 51),
    englishNotice('notice-2', 52),
  ]
  const base = [...cards, ...screens, ...spaced, slideScene(), a4Page()]
  const jpegs = ['card-3', 'card-8', 'chat-1', 'receipt-1', 'scene-1280x720'].map((name) => {
    const spec = base.find((candidate) => candidate.name === name)
    if (!spec) throw new Error(`No corpus case named ${name}.`)
    return { ...spec, name: `${name}.jpg`, format: 'jpeg' as const, jpegQuality: 80 }
  })
  return [...base, ...jpegs]
}

/** Renders the standard corpus (about 1-2 s). */
export async function standardCorpus(): Promise<GeneratedImage[]> {
  const images: GeneratedImage[] = []
  for (const spec of standardCorpusSpecs()) images.push(await generateTextImage(spec))
  return images
}

/** Every image of `images` as a phone photo by each recipe: the bench's photo numbers. */
export async function photoCorpus(
  images: readonly GeneratedImage[],
  recipes: readonly PhotoRecipe[] = PHOTO_RECIPES,
): Promise<Map<PhotoRecipe, GeneratedImage[]>> {
  const photos = new Map<PhotoRecipe, GeneratedImage[]>()
  for (const recipe of recipes) {
    const made: GeneratedImage[] = []
    for (const image of images) made.push(await asPhonePhoto(image, recipe))
    photos.set(recipe, made)
  }
  return photos
}

/**
 * The photos the accuracy test reads: the cases whose spaces matter (receipts, notices, the A4 page
 * and the scene) and a few of each other kind, each photographed by one recipe in turn, so every
 * recipe is read on about 2,000 characters at the cost of reading the corpus once more by half.
 */
export const PHOTO_TEST_CASES = [
  'receipt-1',
  'a4-page', // by the 1.6x recipe: at 3.1x its camera image alone is 21 MP to make
  'notice-1',
  'card-2',
  'receipt-2',
  'notice-2',
  'chat-1',
  'card-6',
  'receipt-3',
  'scene-1280x720',
  'settings-1',
  'card-10',
] as const

export async function photoTestCorpus(
  images: readonly GeneratedImage[],
): Promise<GeneratedImage[]> {
  const photos: GeneratedImage[] = []
  for (const [i, name] of PHOTO_TEST_CASES.entries()) {
    const image = images.find((candidate) => candidate.name === name)
    if (!image) throw new Error(`No corpus case named ${name}.`)
    photos.push(await asPhonePhoto(image, PHOTO_RECIPES[i % PHOTO_RECIPES.length] as PhotoRecipe))
  }
  return photos
}
