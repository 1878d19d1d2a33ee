import { createHash } from 'node:crypto'
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { threadId } from 'node:worker_threads'

/** The version of fold-affine.ts's rules: raise it with them, and cached models are folded again. */
const FOLD_VERSION = 1

/** Where folded models are kept: the project's node_modules/.cache, as other build tools do. */
export function defaultFoldCacheDir(): string {
  return path.resolve(__dirname, '../../node_modules/.cache/ocr-engine')
}

/**
 * A model file as `foldAffine` rewrites it. Folding takes 130-200 ms a model, more than it saves
 * at load, so the result is kept and later loads read it back. The key is the source's path, size
 * and modification time and the rules' version, not a hash of its content, which would cost 40 ms
 * of every start; the folder of a package's models is not edited in place. The rewriter (and its
 * protobuf library, 80 ms to load) is only loaded to fold. A cache that cannot be written (a
 * read-only tree) only means folding again.
 */
export async function readFoldedModel(
  file: string,
  cacheDir = defaultFoldCacheDir(),
): Promise<Uint8Array> {
  const { size, mtimeMs } = await stat(file)
  const key = createHash('sha256')
    .update(JSON.stringify([FOLD_VERSION, path.resolve(file), size, mtimeMs]))
    .digest('hex')
    .slice(0, 16)
  const cached = path.join(cacheDir, `${path.basename(file, '.onnx')}.${key}.onnx`)
  const kept = await readFile(cached).catch(() => undefined)
  if (kept) return kept
  const source = await readFile(file)
  const { foldAffine } = rewriter()
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

function rewriter(): typeof import('./fold-affine') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('./fold-affine') as typeof import('./fold-affine')
}
