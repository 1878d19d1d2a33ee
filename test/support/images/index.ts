// Test images with known text and known line boxes, for the engine's accuracy tests, end-to-end tests
// and benchmarks. Everything is seeded: with the same font and canvas version, the same call renders
// the same bytes.
export {
  PHOTO_TEST_CASES,
  photoCorpus,
  photoTestCorpus,
  standardCorpus,
  standardCorpusSpecs,
} from './corpus'
export { CJK_FONT_FAMILY, CJK_FONT_PATH, ensureCjkFont } from './font'
export { a4Page, slideScene } from './layout-document'
export { randomTextCard } from './layout-random'
export { englishNotice, receiptScreenshot } from './layout-receipt'
export { chatScreenshot, settingsScreenshot } from './layout-screenshot'
export { SeededRandom } from './random'
export { fontFor, generateTextImage, measureAdvance } from './render'
export { asJpeg } from './variants'
export { asPhonePhoto, PHOTO_RECIPES } from './phone-photo'
export type { PhotoRecipe } from './phone-photo'
export type { Fill, LineSpec, RectSpec, TextImageSpec } from './render'
export type { Corners, GeneratedImage, ImageTruth, Point, TruthLine } from './truth'
export { convexIoU } from './polygon'
export { editDistance, scoreRecognition, wireItemsToLines } from './score'
export { summarizeScores } from './corpus-score'
export type { CorpusScore } from './corpus-score'
export type { RecognitionScore, RecognizedLine, ScoreOptions, WireLikeItem } from './score'
