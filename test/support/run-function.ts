// Runs a function once in a child `node` through the real wx-server-sdk against a test cloud, as the
// platform runs an invocation: with the function environment the cloud holds and the loopback-only guard.
// The built function and the fixture functions are both run through here.
import { promises as fs } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import {
  invokeFunction,
  type InvokeOptions,
  type InvokeResult,
} from '../../emulator/function-runner'
import type { LocalCloud } from '../../emulator'
import { assertStayedOnLoopback, LOOPBACK_GUARD_ENV } from './child-guard'
import type { TestCloud } from './local-cloud'

export interface RunOptions {
  /** Play a user: the caller's OPENID in cloud.getWXContext(). */
  openid?: string
  /** Added to the cloud's function environment, for this call only. */
  env?: Readonly<Record<string, string>>
  /** The function's time limit (context.time_limit_in_ms, enforced from the call of main). */
  timeoutMs?: number
  /** The `node` to run the function with (test/runtime/node16.ts: the deployed runtime's). */
  nodeBinary?: string
}

export async function runFunction(
  t: Pick<TestCloud<unknown>, 'cloud' | 'functionEnv'>,
  target: { functionDir: string; functionName: string; event: unknown },
  options: RunOptions & { timeoutMs: number },
): Promise<InvokeResult> {
  const run = await invokeFunction({
    ...target,
    cloud: t.cloud,
    timeoutMs: options.timeoutMs,
    ...(options.openid === undefined ? {} : { openid: options.openid }),
    ...(options.nodeBinary === undefined ? {} : { nodeBinary: options.nodeBinary }),
    extraEnv: { ...LOOPBACK_GUARD_ENV, ...t.functionEnv, ...options.env },
  })
  assertStayedOnLoopback(run.stderr)
  return run
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
