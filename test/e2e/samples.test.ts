// Every sample event in test/events/ through the built function, run by the deployed runtime's Node
// (16.13.2) through the real wx-server-sdk against the local cloud with the real OCR engine: each answers
// what test/events/README.md promises, and an API newer than the runtime fails here, not on the platform.
import { execFileSync } from 'node:child_process'
import { promises as fs, readFileSync } from 'node:fs'
import path from 'node:path'
import { FunctionInvocationError, LOCAL_CONSOLE_ENV } from '../../emulator/function-runner'
import { localizeSample, SAMPLE_OPENID } from '../../emulator/storage/samples'
import { OcrReplySchema } from '../../src/reply/schema'
import { EVENTS_DIR } from '../support/events'
import { node16Binary } from '../runtime/node16'
import { callFunctionRaw } from '../support/built-function'
import { startTestCloud, type TestCloud } from '../support/local-cloud'
import { invokeProbe } from '../support/run-function'

interface SamplePromise {
  file: string
  asUser: boolean
  answers: string[]
}

/** The table of test/events/README.md: sample, caller, what it answers (each `code` span), replacement. */
function promisedAnswers(readme: string): SamplePromise[] {
  return readme
    .split('\n')
    .filter((line) => /^\| `[^`]+\.json` \|/.test(line))
    .map((line) => {
      const [file = '', caller = '', answers = ''] = line.split('|').slice(1, 4)
      return {
        file: file.trim().replaceAll('`', ''),
        asUser: caller.includes(SAMPLE_OPENID),
        answers: [...answers.matchAll(/`([^`]+)`/g)].map((match) => match[1] ?? ''),
      }
    })
}

let e2e: TestCloud<undefined>
let node16: string
let promised: SamplePromise[]

beforeAll(async () => {
  node16 = node16Binary()
  promised = promisedAnswers(await fs.readFile(path.join(EVENTS_DIR, 'README.md'), 'utf8'))
  e2e = await startTestCloud({ functions: 'built', engine: 'real' })
}, 60_000)

afterAll(() => e2e?.stop())

test('the runtime is Node 16.13.2, as cloudbaserc.json deploys', () => {
  expect(execFileSync(node16, ['-p', 'process.version']).toString().trim()).toBe('v16.13.2')
  const rcFile = path.join(__dirname, '..', '..', 'cloudbaserc.json')
  const rc = JSON.parse(readFileSync(rcFile, 'utf8')) as { functions: { runtime: string }[] }
  expect(rc.functions[0]?.runtime).toBe('Nodejs16.13')
})

test('the table promises an answer for every sample, and every sample is in it', async () => {
  const files = (await fs.readdir(EVENTS_DIR)).filter((name) => name.endsWith('.json')).sort()
  expect(promised.map((p) => p.file).sort()).toEqual(files)
  for (const p of promised) expect(p.answers.length).toBeGreaterThan(0)
})

test('each sample answers what it promises, on Node 16', async () => {
  for (const { file, asUser, answers } of promised) {
    const text = await fs.readFile(path.join(EVENTS_DIR, file), 'utf8')
    const event = JSON.parse(localizeSample(text, e2e.cloud)) as Record<string, unknown>
    const result = await callFunctionRaw(e2e, event, {
      nodeBinary: node16,
      // The console's samples as the local cloud's console (a trusted source; README "The event").
      ...(asUser ? { openid: SAMPLE_OPENID } : { env: { ...LOCAL_CONSOLE_ENV } }),
    })
    if (file === 'upload-prefix.json') {
      expect(result).toEqual({ ok: true, uploadPrefix: answers[0] })
      continue
    }
    const reply = OcrReplySchema.parse(result)
    expect({ file, lines: reply.ok ? reply.items.map((item) => item.text) : reply.error }).toEqual({
      file,
      lines: answers,
    })
  }
}, 120_000)

test('an API newer than Node 16 fails under this runtime (the check can fail)', async () => {
  // Array.prototype.findLast arrived in Node 18.
  const source = 'exports.main = async () => ({ last: [1, 2].findLast((n) => n > 0) })\n'
  const run = invokeProbe(e2e.cloud, source, { nodeBinary: node16 })
  await expect(run).rejects.toBeInstanceOf(FunctionInvocationError)
  await expect(run).rejects.toThrow(/findLast is not a function/)
})
