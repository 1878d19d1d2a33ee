// A throwaway folder for a local cloud that runs the built function: `functions/ocrPrintedText/` with the
// function's real config.json (so the local cloud grants what the deployed function is granted), and
// `storage/`. Used by local-cloud.ts; BUILT_FUNCTION_DIR is what built-function.ts runs.
import { promises as fs } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

export const BUILT_FUNCTION_DIR = path.join(
  __dirname,
  '..',
  '..',
  'cloudfunctions',
  'ocrPrintedText',
)

export interface FunctionScratch {
  scratch: string
  functionsRoot: string
  storageDir: string
  remove(): Promise<void>
}

export async function functionScratch(prefix: string): Promise<FunctionScratch> {
  const scratch = await fs.mkdtemp(path.join(os.tmpdir(), prefix))
  const functionsRoot = path.join(scratch, 'functions')
  await fs.mkdir(path.join(functionsRoot, 'ocrPrintedText'), { recursive: true })
  await fs.copyFile(
    path.join(BUILT_FUNCTION_DIR, 'config.json'),
    path.join(functionsRoot, 'ocrPrintedText', 'config.json'),
  )
  return {
    scratch,
    functionsRoot,
    storageDir: path.join(scratch, 'storage'),
    remove: () => fs.rm(scratch, { recursive: true, force: true }),
  }
}
