// Scaffolding for the cache and quota tests: a local cloud with the database collections created, the
// fast fake engine, and the BUILT function run unchanged in a child through the real wx-server-sdk, one
// child per invocation as the platform runs them. Platform calls are counted from the request log.

import { z } from 'zod'

import { FakeEngine } from '../../emulator/fake-engine'
import { invokeFunction } from '../../emulator/function-runner'
import { startLocalCloud, type LocalCloud, type StartLocalCloudOptions } from '../../emulator/index'
import { OcrReplySchema, type OcrReply } from '../../src/reply/schema'
import { DEFAULT_COLLECTIONS } from '../../src/quota/config'
import { GUARDED_ENV, pngImage } from '../emulator/helpers'
import { BUILT_FUNCTION_DIR as FUNCTION_DIR, functionScratch } from '../support/function-scratch'

export const COLLECTIONS = [DEFAULT_COLLECTIONS.cache, DEFAULT_COLLECTIONS.counters]

export interface CacheCloud {
  cloud: LocalCloud
  engine: FakeEngine
  /** ocr.printedText calls that reached the gateway: what the platform would charge. */
  platformCalls(): number
  stop(): Promise<void>
}

export async function startCacheCloud(options: StartLocalCloudOptions = {}): Promise<CacheCloud> {
  const { functionsRoot, storageDir, remove } = await functionScratch('ocr-cache-')
  const engine = new FakeEngine()
  const cloud = await startLocalCloud({
    engine,
    storageDir,
    functionsRoot,
    database: { collections: COLLECTIONS },
    ...options,
  })
  return {
    cloud,
    engine,
    platformCalls: () => cloud.requests.count('gateway', (r) => r.apiName === 'ocr.printedText'),
    async stop() {
      await cloud.stop()
      await remove()
    },
  }
}

/** The function's one structured log line (the `ocrPrintedText` JSON line on stdout). */
export const LogLineSchema = z.looseObject({
  msg: z.literal('ocrPrintedText'),
  requestId: z.string(),
  source: z.string(),
  cache: z.string().optional(),
  attempts: z.number(),
  retries: z.number().optional(),
  outcome: z.string(),
  storeErrors: z.array(z.string()).optional(),
})
export type LogLine = z.infer<typeof LogLineSchema>

export interface Invocation {
  reply: OcrReply
  log: LogLine
  stdout: string
}

export async function invoke(
  cloud: LocalCloud,
  event: Record<string, unknown>,
  options: { openid?: string; env?: Record<string, string> } = {},
): Promise<Invocation> {
  const { result, stdout, stderr } = await invokeFunction({
    functionDir: FUNCTION_DIR,
    functionName: 'ocrPrintedText',
    event,
    cloud,
    timeoutMs: 60_000,
    ...(options.openid === undefined ? {} : { openid: options.openid }),
    extraEnv: { ...GUARDED_ENV, ...options.env },
  })
  expect(stderr).not.toContain('[loopback-only]')
  const lines = stdout
    .split('\n')
    .filter((line) => line.includes('"msg":"ocrPrintedText"'))
    .map((line) => LogLineSchema.parse(JSON.parse(line)))
  expect(lines).toHaveLength(1)
  return { reply: OcrReplySchema.parse(result), log: lines[0] as LogLine, stdout }
}

/** A distinct PNG per index (its size differs), uploaded where `openid` may read it. */
export async function uploadImage(
  cloud: LocalCloud,
  openid: string,
  index: number,
): Promise<{ fileID: string; bytes: Buffer }> {
  const bytes = await pngImage(200 + index, 120)
  const fileID = await cloud.putFile(`ocr-uploads/${openid}/image-${index}.png`, bytes)
  return { fileID, bytes }
}

export function errorCode(reply: OcrReply): string {
  return reply.ok ? 'ok' : reply.error.code
}
