// DevTools compiles only what lies under miniprogramRoot. The mini program may reach the core for types
// (erased at compile time) but never for code, and it uses no npm packages (no "build npm" step needed).
import { describe, expect, it } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'

const ROOT = path.join(__dirname, '../../miniprogram')

interface ImportStatement {
  file: string
  specifier: string
  typeOnly: boolean
}

// Statement-level `import type` / `export type` only: `import { type X }` still leaves a require behind.
const STATEMENT = /(?:^|\n)\s*(import|export)\s+(type\s+)?(?:[\s\S]*?\sfrom\s+)?['"]([^'"]+)['"]/g

function importsOf(file: string): ImportStatement[] {
  const source = readFileSync(path.join(ROOT, file), 'utf8')
  return [...source.matchAll(STATEMENT)].map((match) => ({
    file,
    specifier: match[3] ?? '',
    typeOnly: match[2] !== undefined,
  }))
}

const statements = readdirSync(ROOT, { recursive: true })
  .filter((file) => file.endsWith('.ts'))
  .flatMap(importsOf)

function leavesRoot({ file, specifier }: ImportStatement): boolean {
  const target = path.resolve(ROOT, path.dirname(file), specifier)
  return path.relative(ROOT, target).startsWith('..')
}

describe('what the mini program imports', () => {
  it('takes only types from outside miniprogram/', () => {
    const outside = statements.filter((s) => s.specifier.startsWith('.') && leavesRoot(s))

    expect(outside.length).toBeGreaterThan(0)
    expect(outside.filter((s) => !s.typeOnly)).toEqual([])
  })

  it('imports no npm package', () => {
    expect(statements.filter((s) => !s.specifier.startsWith('.'))).toEqual([])
  })
})
