// One server instance of a fleet, run as its own Node process by fleet.test.ts: an HTTPS client whose
// guard lives in the Redis every instance shares. It says "ready" once connected, recognizes its images
// all at once when told "go" on stdin, and prints one JSON line with the replies and its log lines.
import { promises as fs } from 'node:fs'
import readline from 'node:readline'

import IORedis from 'ioredis'
import * as z from 'zod'

import { createPrintedTextClient, createRedisStore, type PrintedTextLogLine } from '../../../src'

const JobSchema = z.object({
  baseUrl: z.string(),
  appId: z.string(),
  appSecret: z.string(),
  redisPort: z.number(),
  keyPrefix: z.string(),
  images: z.array(z.string()),
  cacheTtlMs: z.number().optional(),
  dailyBudget: z.number().optional(),
})

async function main(): Promise<void> {
  const job = JobSchema.parse(JSON.parse(process.env.FLEET_JOB ?? ''))
  const images = await Promise.all(job.images.map((file) => fs.readFile(file)))
  const redis = new IORedis(job.redisPort, '127.0.0.1', { lazyConnect: true })
  await redis.connect()
  const lines: PrintedTextLogLine[] = []
  const client = createPrintedTextClient({
    appId: job.appId,
    appSecret: job.appSecret,
    baseUrl: job.baseUrl,
    store: createRedisStore({ client: redis, keyPrefix: job.keyPrefix }),
    cacheTtlMs: job.cacheTtlMs,
    dailyBudget: job.dailyBudget,
    logger: (line) => lines.push(line),
  })
  process.stdout.write('ready\n')
  for await (const command of readline.createInterface({ input: process.stdin })) {
    if (command === 'go') break
  }
  const replies = await Promise.all(images.map((img) => client.recognize({ img })))
  const codes = replies.map((reply) => (reply.ok ? 'ok' : reply.error.code))
  process.stdout.write(`${JSON.stringify({ codes, lines })}\n`)
  redis.disconnect()
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  )
  process.exitCode = 1
})
