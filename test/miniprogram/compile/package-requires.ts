// What the compiled package requires at run time, checked against what it contains. The phone loads only
// the uploaded package: a require that climbs out of miniprogramRoot (a value import from src/ that the
// compiler kept) or names an npm package that 构建 npm did not put in miniprogram_npm fails there, not in
// DevTools' editor.
import path from 'node:path'
import type { CompiledPackage } from './run-compiler'

type CompiledFiles = CompiledPackage['files']

export interface UnresolvedRequire {
  file: string
  specifier: string
}

const REQUIRE = /\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g

function candidates(target: string): string[] {
  return [target, `${target}.js`, `${target}/index.js`]
}

/**
 * Where the runtime looks for a package name: miniprogram_npm/<name> beside the requiring file, then in
 * each folder above it up to the package's root (构建 npm puts it beside miniprogramRoot's app.json).
 */
function npmTargets(file: string, specifier: string): string[] {
  const targets: string[] = []
  for (let dir = path.posix.dirname(file); ; dir = path.posix.dirname(dir)) {
    targets.push(path.posix.join(dir, 'miniprogram_npm', specifier))
    if (dir === '.') return targets
  }
}

function resolves(files: CompiledFiles, file: string, specifier: string): boolean {
  if (!specifier.startsWith('.')) {
    return npmTargets(file, specifier).some((target) => candidates(target).some((n) => n in files))
  }
  const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier))
  return !target.startsWith('..') && candidates(target).some((name) => name in files)
}

export function unresolvedRequires(files: CompiledFiles): UnresolvedRequire[] {
  const found: UnresolvedRequire[] = []
  for (const [file, content] of Object.entries(files)) {
    if (!file.endsWith('.js') || typeof content !== 'string') continue
    for (const [, specifier = ''] of content.matchAll(REQUIRE)) {
      if (!resolves(files, file, specifier)) found.push({ file, specifier })
    }
  }
  return found
}
