// Cold start: a fresh node process that loads the function and initializes the SDK, ours (the bundle)
// against the seed's raw example (require('wx-server-sdk') + cloud.init), interleaved in one run so both
// see the same machine load.
import { execFileSync } from 'node:child_process'
import path from 'node:path'
import { localFunctionEnv } from './function-env'
import { median, type BenchRow } from './table'

const root = path.join(__dirname, '..')
const OURS = `require(${JSON.stringify(path.join(root, 'cloudfunctions/ocrPrintedText/index.js'))})`
const RAW = `const cloud=require('wx-server-sdk');cloud.init({env:cloud.DYNAMIC_CURRENT_ENV})`

function timeProcess(script: string): number {
  const started = process.hrtime.bigint()
  execFileSync(process.execPath, ['-e', script], {
    cwd: root,
    env: localFunctionEnv(),
    stdio: 'ignore',
  })
  return Number(process.hrtime.bigint() - started) / 1e6
}

export function benchColdStart(runs = 15): BenchRow[] {
  const ours: number[] = []
  const raw: number[] = []
  const empty: number[] = []
  timeProcess(OURS) // warm the file cache for both
  timeProcess(RAW)
  for (let i = 0; i < runs; i++) {
    ours.push(timeProcess(OURS))
    raw.push(timeProcess(RAW))
    empty.push(timeProcess('0'))
  }
  const ratio = median(ours) / median(raw)
  return [
    { name: 'cold start: node -e 0 (floor)', value: `${median(empty).toFixed(0)} ms` },
    {
      name: 'cold start: raw example (wx-server-sdk + init)',
      value: `${median(raw).toFixed(0)} ms`,
    },
    { name: 'cold start: ocrPrintedText bundle', value: `${median(ours).toFixed(0)} ms` },
    {
      name: 'cold start ratio, ours / raw',
      value: `${ratio.toFixed(2)}x`,
      target: '<= 0.80x',
      pass: ratio <= 0.8,
    },
  ]
}
