// `npm run deploy`'s decisions, played against a stand-in `tcb` that prints what the real CLI prints
// (test/deploy/recordings): the real CLI would try to log in and reach the platform.
import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { judgeDeployOutput } from '../../src/deploy/verdict'
import { LOOPBACK_ONLY_NODE_OPTIONS } from '../support/child-guard'

const root = path.join(__dirname, '..', '..')
const recordings = path.join(root, 'test', 'deploy', 'recordings')
const fakeTcb = path.join(root, 'test', 'deploy', 'fake-tcb.cjs')
const run = promisify(execFile)

async function deploy(
  recording: string,
  exit: number,
  env: Record<string, string> = { ENV_ID: 'my-env-1a2b' },
): Promise<{
  code: number
  stdout: string
  stderr: string
  argv?: { args: string[]; cwd: string }
}> {
  const argsFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fake-tcb-')), 'args.json')
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ['--import', 'tsx', path.join(root, 'scripts', 'deploy.ts')],
      {
        cwd: root,
        env: {
          PATH: process.env.PATH,
          NODE_OPTIONS: LOOPBACK_ONLY_NODE_OPTIONS,
          TCB_BIN: fakeTcb,
          FAKE_TCB_RECORDING: path.join(recordings, recording),
          FAKE_TCB_EXIT: String(exit),
          FAKE_TCB_ARGS: argsFile,
          ...env,
        },
      },
    )
    return { code: 0, stdout, stderr, argv: readArgs(argsFile) }
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string }
    return { ...failed, argv: readArgs(argsFile) }
  }
}

function readArgs(file: string): { args: string[]; cwd: string } | undefined {
  return fs.existsSync(file)
    ? (JSON.parse(fs.readFileSync(file, 'utf8')) as { args: string[]; cwd: string })
    : undefined
}

const lastLine = (text: string) => text.trim().split('\n').at(-1)

describe('npm run deploy', () => {
  it('is the wrapper, with the CLI as a devDependency', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>
      devDependencies: Record<string, string>
    }
    expect(pkg.scripts.deploy).toContain('scripts/deploy.ts')
    expect(pkg.devDependencies['@cloudbase/cli']).toMatch(/2\.12\./)
    expect(fs.existsSync(path.join(root, 'node_modules', '.bin', 'tcb'))).toBe(true)
  })

  it('runs tcb fn deploy ocrPrintedText in the project folder with the env id, non-interactively', async () => {
    const { code, stdout, argv } = await deploy('success.txt', 1)
    expect(code).toBe(0)
    expect(argv).toEqual({
      args: ['fn', 'deploy', 'ocrPrintedText', '--envId', 'my-env-1a2b', '--force', '--yes'],
      cwd: root,
    })
    // The settings the CLI reads from cloudbaserc.json, said before it runs.
    expect(stdout).toContain('Nodejs16.13, timeout 20 s, 256 MB')
    expect(stdout).toContain('OCR_DAILY_BUDGET')
    expect(lastLine(stdout)).toBe('deploy: ocrPrintedText deployed to my-env-1a2b (timeout 20 s)')
  })

  it.each([
    ['failure-offline.txt', 0, 'connect ETIMEDOUT (ETIMEDOUT)'],
    [
      'failure-wrong-env.txt',
      0,
      'The specified Environment not-my-env not found (ResourceNotFound)',
    ],
    ['failure-thrown.txt', 1, '无有效身份信息，请使用 cloudbase login 登录'],
  ])('exits 1 with the reason on one line when %s (CLI exit %i)', async (file, exit, reason) => {
    const { code, stderr } = await deploy(file, exit)
    expect(code).toBe(1)
    expect(lastLine(stderr)).toBe(`deploy failed: ocrPrintedText was not deployed: ${reason}`)
  })

  it('refuses to start without ENV_ID, before the CLI can stop to ask for an environment', async () => {
    const { code, stderr, argv } = await deploy('success.txt', 0, {})
    expect(code).toBe(2)
    expect(lastLine(stderr)).toMatch(/^deploy failed: set ENV_ID/)
    expect(argv).toBeUndefined()
  })

  it.each([
    ['a line break', 'prod-1a2b3c\n--envId other-env'],
    ['a trailing line break', 'prod-1a2b3c\n'],
    ['a space', 'prod 1a2b3c'],
    ['a leading hyphen', '-prod-1a2b3c'],
    ['65 characters', `prod-${'a'.repeat(60)}`],
  ])('refuses an ENV_ID with %s before the CLI runs, saying why', async (_what, envId) => {
    // Act
    const { code, stderr, argv } = await deploy('success.txt', 0, { ENV_ID: envId })
    // Assess
    expect(code).toBe(2)
    expect(lastLine(stderr)).toBe(
      `deploy failed: ${JSON.stringify(envId)} is not a cloud environment id: an id is letters, ` +
        'digits and single hyphens (no space, no line break, no hyphen at either end), at most 64 ' +
        'characters, e.g. prod-1a2b3c; copy it from the CloudBase console (环境 ID)',
    )
    expect(argv).toBeUndefined()
  })

  it('fails when the CLI prints nothing it recognizes, whatever its exit code', () => {
    expect(judgeDeployOutput('', 0, 'ocrPrintedText')).toEqual({
      deployed: false,
      reason: 'ocrPrintedText was not deployed: tcb printed nothing and exited 0',
    })
    const otherFunction = '✔ [other] 云函数部署成功！\n'
    expect(judgeDeployOutput(otherFunction, 0, 'ocrPrintedText').deployed).toBe(false)
  })
})
