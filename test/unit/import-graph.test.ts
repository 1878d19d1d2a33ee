// Imports point one way, from the specific to the general: no module reaches itself through its imports
// (type-only imports included: a cycle of types is still two files that must change together), and the
// core never imports the function, the HTTPS client, the local cloud or the scripts that build on it.
// The graph is read with TypeScript's own module resolution, so it sees what the compiler sees.
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import ts from 'typescript'

const ROOT = path.join(__dirname, '../..')
const SCANNED = [
  'src',
  'cloudfunctions/ocrPrintedText/src',
  'emulator',
  'scripts',
  'bench',
  'test/support',
]
/** What builds on the core: the core may import none of these. */
const SPECIFIC = [
  'src/function/',
  'src/https/',
  'src/miniprogram/',
  'emulator/',
  'scripts/',
  'bench/',
]
/** The package's entry points gather everything; they are not part of the core. */
const ENTRIES = ['src/index.ts', 'src/schemas.ts']

const options: ts.CompilerOptions = {
  ...ts.parseJsonConfigFileContent(
    ts.readConfigFile(path.join(ROOT, 'tsconfig.json'), (file) => ts.sys.readFile(file)).config,
    ts.sys,
    ROOT,
  ).options,
}

const relative = (file: string): string => path.relative(ROOT, file).split(path.sep).join('/')

function modulesOf(folder: string): string[] {
  return readdirSync(path.join(ROOT, folder), { recursive: true, encoding: 'utf8' })
    .filter(
      (file) => /\.ts$/.test(file) && !file.endsWith('.d.ts') && !file.includes('node_modules'),
    )
    .map((file) => `${folder}/${file.split(path.sep).join('/')}`)
}

/** Each scanned module and the scanned modules it imports (static, dynamic and type-only). */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>()
  for (const file of SCANNED.flatMap(modulesOf)) {
    const absolute = path.join(ROOT, file)
    const { importedFiles } = ts.preProcessFile(readFileSync(absolute, 'utf8'), true, true)
    const targets = importedFiles
      .map(({ fileName }) => ts.resolveModuleName(fileName, absolute, options, ts.sys))
      .map(({ resolvedModule }) => resolvedModule?.resolvedFileName)
      .filter(
        (target): target is string => target !== undefined && !target.includes('node_modules'),
      )
      .map(relative)
    graph.set(file, [...new Set(targets)])
  }
  return graph
}

/** The import cycles, each as the strongly connected modules (Tarjan). */
function cyclesOf(graph: Map<string, string[]>): string[][] {
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const cycles: string[][] = []
  let next = 0
  const visit = (node: string): void => {
    index.set(node, next)
    low.set(node, next++)
    stack.push(node)
    onStack.add(node)
    for (const target of graph.get(node) ?? []) {
      if (!index.has(target)) {
        visit(target)
        low.set(node, Math.min(low.get(node) ?? 0, low.get(target) ?? 0))
      } else if (onStack.has(target)) {
        low.set(node, Math.min(low.get(node) ?? 0, index.get(target) ?? 0))
      }
    }
    if (low.get(node) !== index.get(node)) return
    const members: string[] = []
    let member: string | undefined
    do {
      member = stack.pop()
      if (member === undefined) break
      onStack.delete(member)
      members.push(member)
    } while (member !== node)
    if (members.length > 1 || (graph.get(node) ?? []).includes(node)) cycles.push(members.sort())
  }
  for (const node of graph.keys()) if (!index.has(node)) visit(node)
  return cycles
}

const graph = importGraph()

describe('the import graph', () => {
  it('reads the modules and their imports', () => {
    expect(graph.get('src/function/handler.ts')).toContain('src/pipeline/run-pipeline.ts')
  })

  it('has no cycle', () => {
    expect(cyclesOf(graph)).toEqual([])
  })

  it('keeps the core free of the function, the HTTPS client, the local cloud and the scripts', () => {
    const core = [...graph.keys()].filter(
      (file) =>
        file.startsWith('src/') &&
        !ENTRIES.includes(file) &&
        !SPECIFIC.some((folder) => file.startsWith(folder)),
    )
    const upward = core.flatMap((file) =>
      (graph.get(file) ?? [])
        .filter((target) => SPECIFIC.some((folder) => target.startsWith(folder)))
        .map((target) => `${file} -> ${target}`),
    )

    expect(upward).toEqual([])
  })

  it('keeps the local cloud free of the scripts that drive it', () => {
    const upward = [...graph]
      .filter(([file]) => file.startsWith('emulator/'))
      .flatMap(([file, targets]) =>
        targets.filter((target) => target.startsWith('scripts/')).map((t) => `${file} -> ${t}`),
      )

    expect(upward).toEqual([])
  })
})
