import { createHash } from 'node:crypto'
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { threadId } from 'node:worker_threads'

import { FOLD_RULES, foldAffine } from './fold-affine'

/** Where folded models are kept: the project's node_modules/.cache, as other build tools do. */
export function defaultFoldCacheDir(): string {
  return path.resolve(__dirname, '../../node_modules/.cache/ocr-engine')
}

/**
 * A model file as `foldAffine` rewrites it. Folding takes 130-200 ms a model, more than it saves
 * at load, so the result is kept, keyed by the source's content and the rules' version, and later
 * loads read it back. A cache that cannot be written (a read-only tree) only means folding again.
 */
export async function readFoldedModel(
  file: string,
  cacheDir = defaultFoldCacheDir(),
): Promise<Uint8Array> {
  const source = await readFile(file)
  const key = createHash('sha256').update(FOLD_RULES).update(source).digest('hex').slice(0, 16)
  const cached = path.join(cacheDir, `${path.basename(file, '.onnx')}.${key}.onnx`)
  const kept = await readFile(cached).catch(() => undefined)
  if (kept) return kept
  const { model } = foldAffine(source)
  await writeAtomically(cached, model).catch(() => undefined)
  return model
}

/** Two threads may fold the same model at once: each writes its own file, the rename is atomic. */
async function writeAtomically(file: string, bytes: Uint8Array): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true })
  const partial = `${file}.${process.pid}.${threadId}.partial`
  await writeFile(partial, bytes)
  await rename(partial, file)
}
