// The package as a mini program team gets it: a plain-JavaScript mini program with a page and a cloud
// function of its own (test/fixtures/plain-mini-program, not this repository's sample) installs the
// packed tarball (offline, the tarball alone), runs `npx wx-ocr-printed-text init`, builds npm with
// WeChat's own tool (miniprogram-ci's packNpmManually) and compiles with WeChat's own compiler
// (getCompiledResult). Then `init` again, on a changed file, with --force, and `deploy` through the bin
// against a stand-in tcb (test/deploy/fake-tcb.cjs: a real tcb would log in and reach the platform).
import { promises as fs } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { FUNCTION_FILES } from '../../src/deploy/function-files'
import { unresolvedRequires } from '../miniprogram/compile/package-requires'
import { compileWithWeChat } from '../miniprogram/compile/wechat-compiler'
import { packNpmWithWeChat, type PackNpmRun } from '../miniprogram/compile/wechat-pack-npm'
import { REPO_ROOT, installedPackages, npm, packLibrary, run } from '../support/packed-library'
import { PACKAGE_NAME } from './consumers'

const FIXTURE = path.join(REPO_ROOT, 'test', 'fixtures', 'plain-mini-program')
const SHIPPED_FUNCTION = path.join(REPO_ROOT, 'cloudfunctions', 'ocrPrintedText')
/** The fixture's project.config.json `cloudfunctionRoot`: not DevTools' default. */
const FUNCTION_ROOT = 'cloud/functions'
const OCR_FOLDER = `${FUNCTION_ROOT}/ocrPrintedText`
const COMPONENT_FILES = ['js', 'json', 'wxml', 'wxss'].map((ext) => `ocr-photo/index.${ext}`)

let workDir: string
let appDir: string

/** `npx wx-ocr-printed-text <args>` in the app, as the team types it (npx finds the installed bin). */
const cli = (args: readonly string[], env: Record<string, string> = {}) =>
  run('npx', ['--offline', '--no', PACKAGE_NAME, ...args], appDir, env)

const readApp = (file: string) => fs.readFile(path.join(appDir, file))

async function filesBelow(dir: string): Promise<Record<string, string>> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true })
  const files: Record<string, string> = {}
  for (const entry of entries.filter((e) => e.isFile())) {
    const full = path.join(entry.parentPath, entry.name)
    files[path.relative(dir, full)] = await fs.readFile(full, 'utf8')
  }
  return files
}

beforeAll(async () => {
  workDir = await fs.mkdtemp(path.join(os.tmpdir(), 'mini-program-app-'))
  const tarball = await packLibrary(workDir)
  appDir = path.join(workDir, 'app')
  await fs.cp(FIXTURE, appDir, { recursive: true })
  const installed = await npm(['install', tarball], appDir)
  if (installed.code !== 0) throw new Error(`npm install failed:\n${installed.stderr}`)
}, 180_000)
afterAll(() => fs.rm(workDir, { recursive: true, force: true }))

describe('npm install wx-ocr-printed-text, then npx wx-ocr-printed-text init', () => {
  let fixtureFunction: Record<string, string>
  let first: Awaited<ReturnType<typeof cli>>

  beforeAll(async () => {
    fixtureFunction = await filesBelow(path.join(FIXTURE, FUNCTION_ROOT, 'hello'))
    first = await cli(['init'])
  }, 60_000)

  it('installs the package alone, as a dependency, with its bin', async () => {
    // Act
    const manifest = JSON.parse((await readApp('package.json')).toString()) as {
      dependencies?: Record<string, string>
    }
    // Assess
    expect(await installedPackages(appDir)).toEqual([PACKAGE_NAME])
    expect(Object.keys(manifest.dependencies ?? {})).toEqual([PACKAGE_NAME])
    await expect(
      fs.stat(path.join(appDir, 'node_modules', '.bin', PACKAGE_NAME)),
    ).resolves.toBeDefined()
  })

  it("writes the three files under project.config.json's cloudfunctionRoot, byte for byte the committed function", async () => {
    // Assess
    expect(first.stderr).toBe('')
    expect(first.code).toBe(0)
    for (const name of FUNCTION_FILES) {
      expect(first.stdout).toContain(`wrote ${OCR_FOLDER}/${name}`)
      const written = await readApp(`${OCR_FOLDER}/${name}`)
      expect(written.equals(await fs.readFile(path.join(SHIPPED_FUNCTION, name)))).toBe(true)
    }
    expect((await fs.readdir(path.join(appDir, OCR_FOLDER))).sort()).toEqual(
      [...FUNCTION_FILES].sort(),
    )
  })

  it("prints the next steps: DevTools' upload for the permission, the 20 s timeout, the deploy command", () => {
    // Assess
    expect(first.stdout).toContain(`right-click ${OCR_FOLDER} → 上传并部署（所有文件）`)
    expect(first.stdout).toContain('openapi permission ocr.printedText')
    expect(first.stdout).toContain('Set its timeout to 20 s')
    expect(first.stdout).toContain('npx wx-ocr-printed-text deploy --env <env id>')
  })

  it("leaves the app's own function and every other file alone", async () => {
    // Act
    const functions = await fs.readdir(path.join(appDir, FUNCTION_ROOT))
    // Assess
    expect(functions.sort()).toEqual(['hello', 'ocrPrintedText'])
    expect(await filesBelow(path.join(appDir, FUNCTION_ROOT, 'hello'))).toEqual(fixtureFunction)
    await expect(fs.stat(path.join(appDir, 'cloudfunctions'))).rejects.toThrow('ENOENT')
  })

  it('run again, changes nothing and exits 0', async () => {
    // Prepare
    const before = await Promise.all(
      FUNCTION_FILES.map(
        async (name) => (await fs.stat(path.join(appDir, OCR_FOLDER, name))).mtimeMs,
      ),
    )
    // Act
    const again = await cli(['init'])
    // Assess
    expect(again.code).toBe(0)
    expect(again.stdout.trim()).toBe(
      `${OCR_FOLDER} is already up to date (index.js, config.json, package.json)`,
    )
    const after = await Promise.all(
      FUNCTION_FILES.map(
        async (name) => (await fs.stat(path.join(appDir, OCR_FOLDER, name))).mtimeMs,
      ),
    )
    expect(after).toEqual(before)
  })

  it('refuses when the team changed a file: exit 1, the file named and kept; --force overwrites it', async () => {
    // Prepare: the team gave the function a second openapi permission.
    const changed =
      '{\n  "permissions": { "openapi": ["ocr.printedText", "security.msgSecCheck"] }\n}\n'
    await fs.writeFile(path.join(appDir, OCR_FOLDER, 'config.json'), changed)
    // Act
    const refused = await cli(['init'])
    const kept = (await readApp(`${OCR_FOLDER}/config.json`)).toString()
    const forced = await cli(['init', '--force'])
    // Assess
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain(
      `init failed: ${OCR_FOLDER}/config.json differs from the ocrPrintedText`,
    )
    expect(refused.stderr).toContain('init --force')
    expect(kept).toBe(changed)
    expect(forced.code).toBe(0)
    expect(forced.stdout).toContain(`overwrote ${OCR_FOLDER}/config.json (--force)`)
    const restored = await readApp(`${OCR_FOLDER}/config.json`)
    expect(restored.equals(await fs.readFile(path.join(SHIPPED_FUNCTION, 'config.json')))).toBe(
      true,
    )
  })
})

// 构建 npm takes the folder the package's `miniprogram` field names (with the ocr-photo component); a
// package without it would be bundled from `main` (the server client), and the page's usingComponents
// entry would not resolve.
describe("工具 → 构建 npm, then WeChat's compiler", () => {
  const npmDir = `miniprogram/miniprogram_npm/${PACKAGE_NAME}`
  let packed: PackNpmRun

  beforeAll(async () => {
    packed = await packNpmWithWeChat(
      path.join(appDir, 'package.json'),
      path.join(appDir, 'miniprogram'),
    )
  }, 120_000)

  it('builds the package into miniprogram_npm from the folder its `miniprogram` field names', async () => {
    // Act
    const installedManifest = JSON.parse(
      await fs.readFile(path.join(appDir, 'node_modules', PACKAGE_NAME, 'package.json'), 'utf8'),
    ) as { miniprogram?: string }
    // Assess: copied from the `miniprogram` folder, not bundled from `main` (the server client).
    expect(installedManifest.miniprogram).toBe('miniprogram_dist')
    expect(packed).toMatchObject({ miniProgramPackNum: 1, otherNpmPackNum: 0, violations: [] })
    for (const file of ['index.js', ...COMPONENT_FILES]) {
      await expect(fs.stat(path.join(appDir, npmDir, file))).resolves.toBeDefined()
    }
  })

  it('compiles the page with <ocr-photo bind:result="onResult" />, the component in the output', async () => {
    // Act
    const compiled = await compileWithWeChat(appDir)
    // Assess
    expect(Object.keys(compiled.files)).toEqual(
      expect.arrayContaining([
        ...['js', 'json', 'wxml', 'wxss'].map((ext) => `pages/index/index.${ext}`),
        ...COMPONENT_FILES.map((file) => `miniprogram_npm/${PACKAGE_NAME}/${file}`),
      ]),
    )
    expect(unresolvedRequires(compiled.files)).toEqual([])
    expect(compiled.violations).toEqual([])
  }, 240_000)
})

describe('npx wx-ocr-printed-text deploy', () => {
  const fakeTcb = path.join(REPO_ROOT, 'test', 'deploy', 'fake-tcb.cjs')
  const recording = path.join(REPO_ROOT, 'test', 'deploy', 'recordings', 'success.txt')
  let argsFile: string

  beforeAll(async () => {
    argsFile = path.join(workDir, 'tcb-args.json')
    const rc = {
      version: '2.0',
      envId: '{{env.ENV_ID}}',
      functionRoot: `./${FUNCTION_ROOT}`,
      functions: [
        {
          name: 'ocrPrintedText',
          runtime: 'Nodejs16.13',
          timeout: 20,
          memorySize: 256,
          handler: 'index.main',
          installDependency: false,
        },
      ],
    }
    await fs.writeFile(path.join(appDir, 'cloudbaserc.json'), JSON.stringify(rc, null, 2))
  })
  beforeEach(() => fs.rm(argsFile, { force: true }))

  const fakeEnv = () => ({
    FAKE_TCB_RECORDING: recording,
    FAKE_TCB_EXIT: '1',
    FAKE_TCB_ARGS: argsFile,
  })
  const recordedArgs = async () =>
    JSON.parse(await fs.readFile(argsFile, 'utf8')) as { args: string[]; cwd: string }

  it("runs the team's own tcb from node_modules/.bin in the project, and reads what it printed", async () => {
    // Prepare: what `npm i -D @cloudbase/cli` would put there, played by the stand-in.
    const tcb = path.join(appDir, 'node_modules', '.bin', 'tcb')
    await fs.copyFile(fakeTcb, tcb)
    await fs.chmod(tcb, 0o755)
    // Act
    const result = await cli(['deploy', '--env', 'prod-1a2b3c'], fakeEnv())
    await fs.rm(tcb)
    // Assess
    expect(result.code).toBe(0)
    expect(await recordedArgs()).toEqual({
      args: ['fn', 'deploy', 'ocrPrintedText', '--envId', 'prod-1a2b3c', '--force', '--yes'],
      cwd: await fs.realpath(appDir),
    })
    expect(result.stdout.trim().split('\n').at(-1)).toBe(
      'deploy: ocrPrintedText deployed to prod-1a2b3c (timeout 20 s)',
    )
  })

  it.each([
    ['a space', 'prod 1a2b3c'],
    ['a line break', 'prod-1a2b3c\n--envId other'],
  ])('refuses an env id with %s, and runs nothing', async (_what, envId) => {
    // Act
    const result = await cli(['deploy', '--env', envId], { ...fakeEnv(), TCB_BIN: fakeTcb })
    // Assess
    expect(result.code).toBe(2)
    expect(result.stderr).toContain(
      `deploy failed: ${JSON.stringify(envId)} is not a cloud environment id`,
    )
    await expect(fs.stat(argsFile)).rejects.toThrow('ENOENT')
  })

  it('says to install @cloudbase/cli when there is no tcb in the project or on PATH', async () => {
    // Prepare: a PATH that holds node and nothing else, for the bin's own `#!/usr/bin/env node`.
    const bare = await fs.mkdtemp(path.join(workDir, 'path-'))
    await fs.symlink(process.execPath, path.join(bare, 'node'))
    const bin = path.join(appDir, 'node_modules', '.bin', PACKAGE_NAME)
    // Act
    const result = await run(bin, ['deploy', '--env', 'prod-1a2b3c'], appDir, { PATH: bare })
    // Assess
    expect(result.code).toBe(2)
    expect(result.stderr.trim()).toBe(
      'deploy failed: no CloudBase CLI (tcb) in this project or on PATH: install it with ' +
        '`npm i -D @cloudbase/cli`, then log in once with `npx tcb login`',
    )
  })
})
