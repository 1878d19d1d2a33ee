// The command line's decisions, in-process (src/cli/main.ts with temp projects): what init makes of a
// project.config.json, how usage errors end, and what deploy says before it would run tcb. The installed
// bin, run through npx in a real mini program, is test/package/mini-program-app.test.ts.
import { promises as fs } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { PassThrough } from 'node:stream'

import { runCli } from '../../src/cli/main'
import { isEnvId } from '../../src/deploy/env-id'
import { FUNCTION_FILES } from '../../src/deploy/function-files'
import { readDeployConfig, suggestedCloudbaserc } from '../../src/deploy/settings'
import { findTcb } from '../../src/deploy/tcb-binary'

const REPO = path.join(__dirname, '..', '..')
let project: string

beforeEach(async () => {
  project = await fs.mkdtemp(path.join(os.tmpdir(), 'cli-'))
})
afterEach(() => fs.rm(project, { recursive: true, force: true }))

async function cli(argv: string[], env: NodeJS.ProcessEnv = {}) {
  const collect = () => {
    const stream = new PassThrough()
    const chunks: Buffer[] = []
    stream.on('data', (chunk: Buffer) => chunks.push(chunk))
    return { stream, text: () => Buffer.concat(chunks).toString('utf8') }
  }
  const stdout = collect()
  const stderr = collect()
  const code = await runCli(argv, {
    cwd: project,
    env,
    packageRoot: REPO,
    stdout: stdout.stream,
    stderr: stderr.stream,
  })
  return { code, stdout: stdout.text(), stderr: stderr.text() }
}

const writeProjectConfig = (config: unknown) =>
  fs.writeFile(
    path.join(project, 'project.config.json'),
    typeof config === 'string' ? config : JSON.stringify(config),
  )

describe('init', () => {
  it("writes to DevTools' default cloudfunctions/ when project.config.json names no cloudfunctionRoot", async () => {
    // Prepare
    await writeProjectConfig({ miniprogramRoot: 'miniprogram/', appid: 'touristappid' })
    // Act
    const { code, stdout } = await cli(['init'])
    // Assess
    expect(code).toBe(0)
    expect(stdout).toContain('wrote cloudfunctions/ocrPrintedText/index.js')
    const written = await fs.readdir(path.join(project, 'cloudfunctions', 'ocrPrintedText'))
    expect(written.sort()).toEqual([...FUNCTION_FILES].sort())
  })

  it.each([
    [
      'is missing',
      undefined,
      2,
      "no project.config.json in <project>: run this in your mini program project's root",
    ],
    ['is not JSON', '{ "cloudfunctionRoot": ', 2, '<project>/project.config.json is not JSON'],
    ['holds an array', '[]', 2, '<project>/project.config.json does not hold a JSON object'],
    [
      'names a root that is not a string',
      { cloudfunctionRoot: 7 },
      2,
      '<project>/project.config.json: cloudfunctionRoot must be a folder name',
    ],
    [
      'names a root outside the project',
      { cloudfunctionRoot: '../shared/' },
      2,
      '<project>/project.config.json: cloudfunctionRoot "../shared/" is outside the project',
    ],
  ])(
    'stops with a message when project.config.json %s, writing nothing',
    async (_what, config, exit, message) => {
      // Prepare
      if (config !== undefined) await writeProjectConfig(config)
      // Act
      const { code, stderr } = await cli(['init'])
      // Assess
      expect(code).toBe(exit)
      expect(stderr.replaceAll(project, '<project>')).toContain(`init failed: ${message}`)
      expect((await fs.readdir(project)).filter((name) => name !== 'project.config.json')).toEqual(
        [],
      )
      await expect(fs.stat(path.join(path.dirname(project), 'shared'))).rejects.toThrow('ENOENT')
    },
  )

  it('names every changed file and writes none of the missing ones', async () => {
    // Prepare: two of the three changed, the third deleted.
    await writeProjectConfig({})
    await cli(['init'])
    const folder = path.join(project, 'cloudfunctions', 'ocrPrintedText')
    await fs.writeFile(path.join(folder, 'index.js'), '// ours\n')
    await fs.writeFile(path.join(folder, 'config.json'), '{}\n')
    await fs.rm(path.join(folder, 'package.json'))
    // Act
    const { code, stderr } = await cli(['init'])
    // Assess
    expect(code).toBe(1)
    expect(stderr).toContain(
      'init failed: cloudfunctions/ocrPrintedText/index.js, cloudfunctions/ocrPrintedText/config.json differ',
    )
    expect((await fs.readdir(folder)).sort()).toEqual(['config.json', 'index.js'])
    expect(await fs.readFile(path.join(folder, 'index.js'), 'utf8')).toBe('// ours\n')
  })
})

describe('usage', () => {
  it.each([
    [['--help'], 0, 'Usage: npx wx-ocr-printed-text <command>', ''],
    [['help', 'deploy'], 0, 'Usage: npx wx-ocr-printed-text deploy --env <env id>', ''],
    [['init', '--help'], 0, 'Usage: npx wx-ocr-printed-text init [--force]', ''],
    [[], 2, 'Usage: npx wx-ocr-printed-text <command>', ''],
    [['frob'], 2, '', 'frob failed: unknown command "frob": see npx wx-ocr-printed-text --help'],
    [['init', '--froce'], 2, '', "init failed: Unknown option '--froce'"],
    [['init', '--env', 'prod-1a2b3c'], 2, '', 'init failed: init takes no --env'],
    [['deploy', '--force'], 2, '', 'deploy failed: deploy takes no --force'],
  ])('%j exits %i', async (argv, exit, out, err) => {
    // Act
    const { code, stdout, stderr } = await cli(argv)
    // Assess
    expect(code).toBe(exit)
    expect(stdout).toContain(out)
    expect(stderr).toContain(err)
    if (err === '') expect(stderr).toBe('')
  })
})

describe('deploy, before it would run tcb', () => {
  it('prefers --env to ENV_ID, and checks it first', async () => {
    // Act
    const { code, stderr } = await cli(['deploy', '--env', 'bad id'], { ENV_ID: 'prod-1a2b3c' })
    // Assess
    expect(code).toBe(2)
    expect(stderr).toContain('deploy failed: "bad id" is not a cloud environment id')
  })

  it('without cloudbaserc.json, prints one that the deploy checks accept, with the project root', async () => {
    // Prepare
    await writeProjectConfig({ cloudfunctionRoot: 'server/functions/' })
    // Act
    const { code, stderr } = await cli(['deploy', '--env', 'prod-1a2b3c'])
    // Assess
    expect(code).toBe(2)
    expect(stderr).toContain(`deploy failed: no cloudbaserc.json in ${project}`)
    const suggested = stderr.slice(stderr.indexOf('{'))
    await fs.writeFile(path.join(project, 'cloudbaserc.json'), suggested)
    const config = readDeployConfig(path.join(project, 'cloudbaserc.json'), 'ocrPrintedText')
    expect(config.functionRoot).toBe('server/functions/')
    expect(config.settings.timeout).toBe(20)
  })

  it('before init, says to run init', async () => {
    // Prepare
    await fs.writeFile(
      path.join(project, 'cloudbaserc.json'),
      suggestedCloudbaserc('./cloudfunctions', 'ocrPrintedText'),
    )
    // Act
    const { code, stderr } = await cli(['deploy', '--env', 'prod-1a2b3c'])
    // Assess
    expect(code).toBe(2)
    expect(stderr).toContain(
      'deploy failed: no ./cloudfunctions/ocrPrintedText/index.js (cloudbaserc.json functionRoot "./cloudfunctions"): write it with `npx wx-ocr-printed-text init`',
    )
  })

  it('names the first bad setting of cloudbaserc.json', async () => {
    // Prepare: the platform's default timeout, too short for OCR with retries.
    const rc = suggestedCloudbaserc('./cloudfunctions', 'ocrPrintedText')
    await fs.writeFile(
      path.join(project, 'cloudbaserc.json'),
      rc.replace('"timeout": 20', '"timeout": 3'),
    )
    // Act
    const { code, stderr } = await cli(['deploy', '--env', 'prod-1a2b3c'])
    // Assess
    expect(code).toBe(2)
    expect(stderr).toContain('deploy failed: cloudbaserc.json ocrPrintedText.timeout: Too small')
  })
})

describe("which tcb runs: the team's own", () => {
  async function executable(dir: string): Promise<string> {
    await fs.mkdir(dir, { recursive: true })
    const file = path.join(dir, 'tcb')
    await fs.writeFile(file, '#!/bin/sh\n', { mode: 0o755 })
    return file
  }

  it("takes TCB_BIN first, then the project's node_modules/.bin, then the first tcb on PATH", async () => {
    // Prepare
    const onPath = await executable(path.join(project, 'path-a'))
    const PATH = [path.join(project, 'path-empty'), path.dirname(onPath)].join(path.delimiter)
    // Act
    const fromPath = findTcb(project, { PATH })
    const local = await executable(path.join(project, 'node_modules', '.bin'))
    const fromProject = findTcb(project, { PATH })
    const named = findTcb(project, { PATH, TCB_BIN: '/opt/tcb' })
    // Assess
    expect([fromPath, fromProject, named]).toEqual([onPath, local, '/opt/tcb'])
  })

  it('skips a tcb that is not executable', async () => {
    // Prepare
    await fs.mkdir(path.join(project, 'node_modules', '.bin'), { recursive: true })
    await fs.writeFile(path.join(project, 'node_modules', '.bin', 'tcb'), '', { mode: 0o644 })
    // Act, Assess
    expect(() => findTcb(project, { PATH: '' })).toThrow('npm i -D @cloudbase/cli')
  })
})

describe('the shape of an env id', () => {
  it.each(['prod-1a2b3c', 'cloudbase-7g0gd9j012a86ed6', 'test-3g5ox5ej1e6d6f94', 'Env1'])(
    'takes %s',
    (id) => expect(isEnvId(id)).toBe(true),
  )
  it.each([
    '',
    'prod_1a2b',
    'prod--1a2b',
    'prod-',
    '-prod',
    'prod\t1',
    'prod\r\n',
    '环境-1',
    'a'.repeat(65),
  ])('refuses %j', (id) => expect(isEnvId(id)).toBe(false))
})
