// Runs a fleet of server instances (worker.ts, one Node process each) against one local cloud and one
// Redis, and starts their recognitions together, so the processes really race for the same keys.
import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import readline from 'node:readline'
import type { Writable } from 'node:stream'

import * as z from 'zod'

import { LOOPBACK_GUARD_ENV } from '../../support/child-guard'

const WORKER = path.join(__dirname, 'worker.ts')

export interface FleetJob {
  baseUrl: string
  appId: string
  appSecret: string
  redisPort: number
  keyPrefix: string
  cacheTtlMs?: number
  dailyBudget?: number
}

const LogLineSchema = z.looseObject({
  event: z.string(),
  cache: z.string().optional(),
  attempts: z.number().optional(),
  outcome: z.string().optional(),
})
const ResultSchema = z.object({ codes: z.array(z.string()), lines: z.array(LogLineSchema) })
export type WorkerResult = z.infer<typeof ResultSchema>

interface Worker {
  child: ChildProcess
  stdin: Writable
  ready: Promise<void>
  result: Promise<WorkerResult>
}

function startWorker(job: FleetJob, images: string[]): Worker {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER], {
    env: { ...process.env, ...LOOPBACK_GUARD_ENV, FLEET_JOB: JSON.stringify({ ...job, images }) },
    stdio: ['pipe', 'pipe', 'pipe'],
  })
  const { stdin, stdout, stderr: errors } = child
  let stderr = ''
  errors.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve))
  const lines = readline.createInterface({ input: stdout })[Symbol.asyncIterator]()
  const failed = async (what: string): Promise<never> => {
    const code = await exited
    throw new Error(`fleet worker ${what} (exit ${code}): ${stderr}`)
  }
  const ready = lines
    .next()
    .then((line) => (line.value === 'ready' ? undefined : failed('not ready')))
  const result = ready
    .then(() => lines.next())
    .then(async (line) => {
      if (line.done === true || (await exited) !== 0) return failed('failed')
      return ResultSchema.parse(JSON.parse(String(line.value)))
    })
  return { child, stdin, ready, result }
}

/** Starts one process per image list, waits until all are connected, then lets them go at once. */
export async function runFleet(
  job: FleetJob,
  imagesPerWorker: string[][],
): Promise<WorkerResult[]> {
  const workers = imagesPerWorker.map((images) => startWorker(job, images))
  try {
    await Promise.all(workers.map((worker) => worker.ready))
    for (const { stdin } of workers) stdin.end('go\n')
    return await Promise.all(workers.map((worker) => worker.result))
  } finally {
    for (const { child, stdin } of workers) {
      stdin.end()
      if (child.exitCode === null) child.kill()
    }
  }
}
