// What each mini program side may import. The sample uses the package by name only (DevTools resolves it
// in miniprogram_npm) and nothing outside miniprogram/. The package's mini program half takes values from
// the core only from modules that are pure and need no Node built-in (the build bundles them), and
// everything else from the core as types, which the build erases.
import { describe, expect, it } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'

const SAMPLE = path.join(__dirname, '../../miniprogram')
const PACKAGE_HALF = path.join(__dirname, '../../src/miniprogram')
/** The core's modules the mini program half may run: no Node built-in, no dependency. */
const PURE_CORE_MODULES = ['src/checks/size-limit']

interface ImportStatement {
  file: string
  specifier: string
  typeOnly: boolean
}

// Statement-level `import type` / `export type` only: `import { type X }` still leaves a require behind.
const STATEMENT = /(?:^|\n)\s*(import|export)\s+(type\s+)?(?:[\s\S]*?\sfrom\s+)?['"]([^'"]+)['"]/g

function statementsUnder(root: string): ImportStatement[] {
  return readdirSync(root, { recursive: true })
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))
    .filter((file) => !file.startsWith('node_modules') && !file.startsWith('miniprogram_npm'))
    .flatMap((file) =>
      [...readFileSync(path.join(root, file), 'utf8').matchAll(STATEMENT)].map((match) => ({
        file,
        specifier: match[3] ?? '',
        typeOnly: match[2] !== undefined,
      })),
    )
}

function targetOf(root: string, { file, specifier }: ImportStatement): string {
  return path.relative(
    path.join(__dirname, '../..'),
    path.resolve(root, path.dirname(file), specifier),
  )
}

function leaves(root: string, statement: ImportStatement): boolean {
  const target = path.resolve(root, path.dirname(statement.file), statement.specifier)
  return statement.specifier.startsWith('.') && path.relative(root, target).startsWith('..')
}

describe('the sample', () => {
  const statements = statementsUnder(SAMPLE)

  it('takes the flow and the component from the package by name, nothing else from outside', () => {
    const packages = statements.filter((s) => !s.specifier.startsWith('.'))

    expect(packages.map((s) => s.specifier).sort()).toEqual([
      'wx-ocr-printed-text',
      'wx-ocr-printed-text/ocr-photo',
    ])
    expect(statements.filter((s) => leaves(SAMPLE, s))).toEqual([])
  })
})

describe("the package's mini program half", () => {
  const statements = statementsUnder(PACKAGE_HALF)
  const outside = statements.filter((s) => leaves(PACKAGE_HALF, s))

  it('runs only the pure modules of the core; the rest of the core is types', () => {
    const values = outside.filter((s) => !s.typeOnly).map((s) => targetOf(PACKAGE_HALF, s))

    expect(outside.length).toBeGreaterThan(values.length)
    expect([...new Set(values)]).toEqual(PURE_CORE_MODULES)
  })

  it('imports no npm package', () => {
    expect(statements.filter((s) => !s.specifier.startsWith('.'))).toEqual([])
  })
})
