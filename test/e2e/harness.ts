// The built function, unchanged, run in a child process through the real wx-server-sdk against the local
// cloud: the same path a deployed function takes, with the platform replaced at the wire.
import { promises as fs } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {
  invokeFunction,
  type InvokeOptions,
  type InvokeResult,
} from '../../emulator/function-runner'
import { startLocalCloud, type LocalCloud, type StartLocalCloudOptions } from '../../emulator'
import { OcrReplySchema, type OcrReply } from '../../src/reply/schema'
import { BUILT_FUNCTION_DIR, functionScratch } from '../support/function-scratch'
import { startLoopbackServer } from '../support/loopback-server'
import { LOOPBACK_ONLY_NODE_OPTIONS } from '../support/network-guard'

export { BUILT_FUNCTION_DIR }
/** The same code deployed under a name whose config.json grants nothing. */
export const NO_PERMISSION = 'ocrWithoutPermission'

export interface E2eCloud {
  cloud: LocalCloud
  stop(): Promise<void>
}

/** A local cloud whose functions root knows ocrPrintedText (with its real config.json) and a twin without. */
export async function startE2eCloud(options: StartLocalCloudOptions = {}): Promise<E2eCloud> {
  const { functionsRoot, storageDir, remove } = await functionScratch('ocr-e2e-')
  await fs.mkdir(path.join(functionsRoot, NO_PERMISSION), { recursive: true })
  await fs.writeFile(
    path.join(functionsRoot, NO_PERMISSION, 'config.json'),
    '{"permissions":{"openapi":[]}}',
  )
  const cloud = await startLocalCloud({
    storageDir,
    functionsRoot,
    ...options,
  })
  return {
    cloud,
    async stop() {
      await cloud.stop()
      await remove()
    },
  }
}

/**
 * The cache and the daily limits are off here, so every call reaches the platform and tests may repeat an
 * image: they have their own tests (test/cache), which start from an empty database. A test turns them
 * back on through `env`.
 */
export const UNGUARDED_ENV = {
  OCR_CACHE_TTL_SECONDS: '0',
  OCR_USER_DAILY_LIMIT: '0',
  OCR_DAILY_BUDGET: '0',
}

export interface CallOptions {
  openid?: string
  functionName?: string
  env?: Record<string, string>
  /** The `node` to run the function with (test/runtime/node16.ts: the deployed runtime's). */
  nodeBinary?: string
  /** The function's time limit (context.time_limit_in_ms, enforced from the call of main); 60 s. */
  timeoutMs?: number
}

/** Invokes the built function and returns what it answered, after the platform's JSON round trip. */
export async function callFunctionRaw(
  cloud: LocalCloud,
  event: Record<string, unknown>,
  options: CallOptions = {},
): Promise<unknown> {
  return (await invoke(cloud, event, options)).result
}

/** Invokes the built function and parses its answer with the reply schema: anything else fails the test. */
export async function callFunction(
  cloud: LocalCloud,
  event: Record<string, unknown>,
  options: CallOptions = {},
): Promise<{ reply: OcrReply; durationMs: number; stdout: string; stderr: string }> {
  const run = await invoke(cloud, event, options)
  const { durationMs, stdout, stderr } = run
  return { reply: OcrReplySchema.parse(run.result), durationMs, stdout, stderr }
}

async function invoke(cloud: LocalCloud, event: Record<string, unknown>, options: CallOptions) {
  const run = await invokeFunction({
    functionDir: BUILT_FUNCTION_DIR,
    functionName: options.functionName ?? 'ocrPrintedText',
    event,
    cloud,
    ...(options.openid === undefined ? {} : { openid: options.openid }),
    ...(options.nodeBinary === undefined ? {} : { nodeBinary: options.nodeBinary }),
    timeoutMs: options.timeoutMs ?? 60_000,
    extraEnv: {
      NODE_OPTIONS: LOOPBACK_ONLY_NODE_OPTIONS,
      LOOPBACK_ONLY_REPORT: 'stderr',
      ...UNGUARDED_ENV,
      ...options.env,
    },
  })
  // The child runs under the same loopback-only rule; a refused lookup shows on its stderr.
  expect(run.stderr).not.toContain('[loopback-only]')
  return run
}

/** Serves fixed bytes on a loopback port under (unencoded) names, for imgUrl sources. */
export async function serveBytes(
  files: Record<string, { bytes: Buffer; type: string }>,
): Promise<{ url(name: string): string; close(): Promise<void> }> {
  const server = await startLoopbackServer((rawUrl) => {
    const file = files[decodeURIComponent(rawUrl.slice(1))]
    return file && { body: file.bytes, type: file.type }
  })
  return { url: (name) => `${server.origin}/${encodeURIComponent(name)}`, close: server.close }
}

export function errorOf(reply: OcrReply): {
  code: string
  retryable: boolean
  errCode?: number
  hint: string
} {
  if (reply.ok) throw new Error(`expected a failure, got ${reply.items.length} lines`)
  return reply.error
}

/** Runs a throwaway function (`index.js` = `source`) once: checks that the harness itself can fail. */
export async function invokeProbe(
  cloud: LocalCloud,
  source: string,
  options: Pick<InvokeOptions, 'nodeBinary' | 'timeoutMs'>,
): Promise<InvokeResult> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'probe-fn-'))
  try {
    await fs.writeFile(path.join(dir, 'index.js'), source)
    return await invokeFunction({
      functionDir: dir,
      functionName: 'probe',
      event: {},
      cloud,
      ...options,
    })
  } finally {
    await fs.rm(dir, { recursive: true, force: true })
  }
}
