// The function folder is what DevTools uploads as it is and what `tcb fn deploy` reads: check it offline,
// since the platform has no validate command.
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { LOOPBACK_ONLY_NODE_OPTIONS } from '../support/child-guard'

const root = path.join(__dirname, '..', '..')
const fnDir = path.join(root, 'cloudfunctions', 'ocrPrintedText')
const readJson = (file: string) =>
  JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>

describe('the deployable function', () => {
  it('declares the ocr.printedText permission in config.json', () => {
    expect(readJson(path.join(fnDir, 'config.json'))).toEqual({
      permissions: { openapi: ['ocr.printedText'] },
    })
  })

  it('has a cloudbaserc.json with runtime, 20 s timeout, handler, no install and sources ignored', () => {
    const rc = readJson(path.join(root, 'cloudbaserc.json'))
    expect(rc).toMatchObject({ version: '2.0', functionRoot: './cloudfunctions' })
    const fn = (rc.functions as Array<Record<string, unknown>>).find(
      (f) => f.name === 'ocrPrintedText',
    )
    expect(fn).toMatchObject({
      runtime: 'Nodejs16.13',
      timeout: 20,
      handler: 'index.main',
      installDependency: false,
    })
    expect(fn?.ignore).toEqual(expect.arrayContaining(['src/**', 'node_modules/**']))
    expect(typeof fn?.memorySize).toBe('number')
  })

  it('keeps no TypeScript entry beside the deployed index.js', () => {
    expect(fs.existsSync(path.join(fnDir, 'index.ts'))).toBe(false)
  })

  it('runs from a copy of the folder with no node_modules anywhere above it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ocr-fn-'))
    for (const file of ['index.js', 'config.json', 'package.json']) {
      fs.copyFileSync(path.join(fnDir, file), path.join(dir, file))
    }
    const script = `const f=require('./index.js');f.main({}).then(r=>process.stdout.write(JSON.stringify({type:typeof f.main,code:r.error&&r.error.code})))`
    const out = execFileSync(process.execPath, ['-e', script], {
      cwd: dir,
      env: {
        PATH: process.env.PATH,
        NODE_OPTIONS: LOOPBACK_ONLY_NODE_OPTIONS,
        TENCENTCLOUD_RUNENV: 'SCF',
        SCF_NAMESPACE: 'local-env',
        TENCENTCLOUD_SECRETID: 'id',
        TENCENTCLOUD_SECRETKEY: 'key',
        TENCENTCLOUD_REGION: 'ap-shanghai',
        TCB_CONTEXT_CNFG: '{"URL":"http://127.0.0.1:9/admin"}',
      },
    }).toString()
    expect(out.slice(out.lastIndexOf('{'))).toBe('{"type":"function","code":"INVALID_REQUEST"}')
    fs.rmSync(dir, { recursive: true })
  })

  it('is committed as built, so a fresh clone deploys from DevTools without building', () => {
    // Prepare: the commit's own tree, outside the work tree, whose uncommitted changes (and the build
    // `npm test` runs first) are not the commit's. The tests run from a git checkout (CI clones one);
    // without git this must fail, not pass.
    const tree = fs.mkdtempSync(path.join(os.tmpdir(), 'ocr-commit-'))
    const archive = execFileSync('git', ['archive', 'HEAD'], { cwd: root, maxBuffer: 100e6 })
    execFileSync('tar', ['-x', '-C', tree], { input: archive })
    fs.symlinkSync(path.join(root, 'node_modules'), path.join(tree, 'node_modules'))
    const bundle = path.join(tree, path.relative(root, fnDir), 'index.js')
    const committed = fs.readFileSync(bundle, 'utf8')
    // Act: the commit's build script, on the commit's sources.
    execFileSync(process.execPath, ['scripts/build.mjs', '--function'], { cwd: tree })
    // Assess: what the commit holds is what its sources build to (else: `npm run build`, then commit).
    const rebuilt = fs.readFileSync(bundle, 'utf8')
    fs.rmSync(tree, { recursive: true })
    expect(committed === rebuilt).toBe(true)
  })
})
