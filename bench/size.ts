// Size: the one-file bundle against what the raw example needs installed (wx-server-sdk and every
// package it pulls in), both measured from this checkout; and the library as `npm install` gives it
// against the install it replaces, which brought the OCR engine along.
import fs from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'

import {
  ENGINE_PACKAGES,
  installTarball,
  packLibrary,
  treeBytes,
  zodTarball,
} from '../test/support/packed-library'
import type { BenchRow } from './table'

const root = path.join(__dirname, '..')

function dirSize(dir: string): number {
  let total = 0
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) total += entry.name === 'node_modules' ? 0 : dirSize(full)
    else if (entry.isFile()) total += fs.statSync(full).size
  }
  return total
}

/** The package folders that `npm install wx-server-sdk` would bring, resolved as Node resolves them. */
function dependencyClosure(
  name: string,
  from: string,
  seen = new Map<string, number>(),
): Map<string, number> {
  let manifest: string
  try {
    manifest = require.resolve(`${name}/package.json`, { paths: [from] })
  } catch {
    return seen // an optional dependency that is not installed here
  }
  const dir = path.dirname(manifest)
  if (seen.has(dir)) return seen
  seen.set(dir, dirSize(dir))
  const pkg = JSON.parse(fs.readFileSync(manifest, 'utf8')) as {
    dependencies?: Record<string, string>
    optionalDependencies?: Record<string, string>
  }
  // Optional ones too: npm installs those that fit the platform (sharp's binaries are optional).
  const deps = { ...pkg.dependencies, ...pkg.optionalDependencies }
  for (const dep of Object.keys(deps)) dependencyClosure(dep, dir, seen)
  return seen
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(2)} MB`

/**
 * The library packed and installed into a fresh project, offline, as a server team would (zod bundled
 * inside: the package is the whole install, the bin and the function that `init` copies included); the
 * same with the consumer's own zod, as `/schemas` needs; and against the install the package replaces,
 * which brought the OCR engine along (the old package.json's `dependencies`, measured from this
 * checkout's node_modules).
 */
export async function benchInstalledLibrary(): Promise<BenchRow[]> {
  const work = await mkdtemp(path.join(os.tmpdir(), 'bench-install-'))
  try {
    const tarball = await packLibrary(work)
    const app = path.join(work, 'app')
    await installTarball(tarball, app)
    const library = await treeBytes(path.join(app, 'node_modules'))
    const installed = path.join(app, 'node_modules', 'wx-ocr-printed-text')
    const functionBundle = await treeBytes(path.join(installed, 'cloudfunctions'))
    const bin = fs.statSync(path.join(installed, 'dist', 'cli.cjs')).size
    const withZodApp = path.join(work, 'app-with-zod')
    await installTarball(tarball, withZodApp, [await zodTarball(work)])
    const withZod = await treeBytes(path.join(withZodApp, 'node_modules'))
    const engine = new Map<string, number>()
    for (const name of ENGINE_PACKAGES) dependencyClosure(name, root, engine)
    const withEngine = library + [...engine.values()].reduce((a, b) => a + b, 0)
    return [
      {
        name: 'size: npm install wx-ocr-printed-text (library, bin and function; no dependencies)',
        value: mb(library),
        target: '<= 5 MB',
        pass: library <= 5 * 1024 * 1024,
      },
      { name: 'size: npm pack tarball', value: mb(fs.statSync(tarball).size) },
      {
        name: 'size: of the install, the function for init (cloudfunctions/ocrPrintedText)',
        value: mb(functionBundle),
      },
      { name: 'size: of the install, the bin (dist/cli.cjs)', value: mb(bin) },
      { name: "size: the same plus the consumer's zod (for /schemas)", value: mb(withZod) },
      {
        name: `size: the same with the engine's ${engine.size} packages (the install it replaces)`,
        value: mb(withEngine),
      },
      {
        name: 'size ratio, library install / with engine',
        value: `${(library / withEngine).toFixed(3)}x`,
      },
    ]
  } finally {
    await rm(work, { recursive: true, force: true })
  }
}

export function benchSize(): BenchRow[] {
  const bundle = fs.statSync(path.join(root, 'cloudfunctions/ocrPrintedText/index.js')).size
  const closure = dependencyClosure('wx-server-sdk', root)
  const raw = [...closure.values()].reduce((a, b) => a + b, 0)
  return [
    {
      name: 'size: ocrPrintedText/index.js (bundle)',
      value: mb(bundle),
      target: '<= 1.5 MB',
      pass: bundle <= 1.5 * 1024 * 1024,
    },
    { name: `size: raw example node_modules (${closure.size} packages)`, value: mb(raw) },
    { name: 'size ratio, bundle / raw node_modules', value: `${(bundle / raw).toFixed(2)}x` },
  ]
}
