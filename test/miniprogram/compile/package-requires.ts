// What the compiled package requires at run time, checked against what it contains. The phone loads only
// the uploaded package: a require that climbs out of miniprogramRoot (a value import from src/ that the
// compiler kept) or names an npm package (no "build npm" step here) fails there, not in DevTools' editor.
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

export function unresolvedRequires(files: CompiledFiles): UnresolvedRequire[] {
  const found: UnresolvedRequire[] = []
  for (const [file, content] of Object.entries(files)) {
    if (!file.endsWith('.js') || typeof content !== 'string') continue
    for (const [, specifier = ''] of content.matchAll(REQUIRE)) {
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier))
      const inside = specifier.startsWith('.') && !target.startsWith('..')
      if (!inside || !candidates(target).some((name) => name in files))
        found.push({ file, specifier })
    }
  }
  return found
}
