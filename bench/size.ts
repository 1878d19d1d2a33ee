// Size: the one-file bundle against what the raw example needs installed (wx-server-sdk and every
// package it pulls in), both measured from this checkout.
import fs from 'node:fs'
import path from 'node:path'
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
  }
  for (const dep of Object.keys(pkg.dependencies ?? {})) dependencyClosure(dep, dir, seen)
  return seen
}

export function benchSize(): BenchRow[] {
  const bundle = fs.statSync(path.join(root, 'cloudfunctions/ocrPrintedText/index.js')).size
  const closure = dependencyClosure('wx-server-sdk', root)
  const raw = [...closure.values()].reduce((a, b) => a + b, 0)
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(2)} MB`
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
