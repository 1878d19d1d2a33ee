// Runs an unchanged cloud function in a child `node`, with exactly the environment that points
// wx-server-sdk at the local gateway (FACTS.md), as the platform would run it once per invocation.
import { spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import path from 'node:path'

import { FUNCTION_TIMEOUT_MS } from '../../src/retry/policy'
import { DEFAULT_ENV_ID } from '../options'

const HOST_SCRIPT = path.join(__dirname, 'function-host.cjs')
/** The platform's tool defaults (3-15 s) differ: run with the timeout the function is deployed with. */
export const DEFAULT_FUNCTION_TIMEOUT_MS = FUNCTION_TIMEOUT_MS
/** Time to start node and load the function, which the platform does not count against the limit. */
const LOAD_ALLOWANCE_MS = 15_000

export interface InvokeTarget {
  origin: string
  envId: string
}

export interface InvokeOptions {
  /** The folder with the built `index.js` (no node_modules needed next to it). */
  functionDir: string
  /** Named in the gateway URL (`/admin/fn/<name>`) so the emulator applies that function's config.json. */
  functionName: string
  event: unknown
  /** A running LocalCloud, or the origin of one (e.g. `http://127.0.0.1:3000`). */
  cloud: InvokeTarget | string
  /** Env id when `cloud` is an origin; default `local-env`. */
  envId?: string
  /** Play a user: sets WX_OPENID / WX_APPID and names them in WX_CONTEXT_KEYS for cloud.getWXContext(). */
  openid?: string
  appid?: string
  timeoutMs?: number
  /** The `node` that runs the function; default: the one running this process. Tests pass the runtime's. */
  nodeBinary?: string
  /** Added last, so it can override anything (tests pass NODE_OPTIONS with a network guard here). */
  extraEnv?: Readonly<Record<string, string>>
}

/**
 * How the local cloud plays an operator's console (a call with no user): it names its own call chain
 * and trusts it for that call, as a team would add its console's SOURCE to OCR_TRUSTED_SOURCES on a real
 * env (the platform does not document what its test panel sends; see the README, "The event").
 */
export const LOCAL_CONSOLE_ENV: Readonly<Record<string, string>> = Object.freeze({
  TCB_SOURCE: 'localcloud_console',
  OCR_TRUSTED_SOURCES: 'scf,localcloud_console',
})

export interface InvokeResult {
  /** The function's return value after the platform's JSON round trip. */
  result: unknown
  stdout: string
  stderr: string
  durationMs: number
}

export class FunctionInvocationError extends Error {
  override readonly name = 'FunctionInvocationError'
  constructor(
    message: string,
    readonly kind: 'threw' | 'timeout' | 'crashed' | 'refused',
    readonly stderr: string,
    readonly errCode?: unknown,
    readonly errMsg?: unknown,
  ) {
    super(message)
  }
}

type HostMessage =
  | { type: 'result'; json: string | null }
  | { type: 'timeout' }
  | {
      type: 'error'
      error: { name: string; message: string; stack?: string; errCode?: unknown; errMsg?: unknown }
    }

function isHostMessage(value: unknown): value is HostMessage {
  const type = (value as { type?: unknown } | null)?.type
  return type === 'result' || type === 'error' || type === 'timeout'
}

/**
 * The child's environment: only what a function sees in the cloud, plus PATH/HOME for node itself. The
 * parent's environment is not passed through, so a proxy variable or a stray TENCENTCLOUD_* cannot send
 * the SDK anywhere else. NODE_OPTIONS is inherited (tests load a loopback-only guard through it).
 */
export function functionEnvironment(options: InvokeOptions): Record<string, string> {
  const target =
    typeof options.cloud === 'string'
      ? { origin: options.cloud.replace(/\/+$/, ''), envId: options.envId ?? DEFAULT_ENV_ID }
      : options.cloud
  const env: Record<string, string> = {}
  for (const key of ['PATH', 'HOME', 'TMPDIR', 'SYSTEMROOT', 'NODE_OPTIONS']) {
    const value = process.env[key]
    if (value !== undefined) env[key] = value
  }
  Object.assign(env, {
    TCB_CONTEXT_CNFG: JSON.stringify({
      URL: `${target.origin}/admin/fn/${encodeURIComponent(options.functionName)}`,
    }),
    SCF_NAMESPACE: target.envId,
    TENCENTCLOUD_SECRETID: 'localcloud-secret-id',
    TENCENTCLOUD_SECRETKEY: 'localcloud-secret-key',
    TENCENTCLOUD_RUNENV: 'SCF',
    TENCENTCLOUD_REGION: 'ap-shanghai',
  })
  const contextKeys: string[] = []
  if (options.openid !== undefined) {
    env['WX_OPENID'] = options.openid
    contextKeys.push('WX_OPENID')
  }
  if (options.appid !== undefined) {
    env['WX_APPID'] = options.appid
    contextKeys.push('WX_APPID')
  }
  if (contextKeys.length > 0) env['WX_CONTEXT_KEYS'] = contextKeys.join(',')
  return { ...env, ...options.extraEnv }
}

/** The event as the platform carries it, JSON; one that cannot be written as JSON never reaches a function. */
function eventJsonOf(options: InvokeOptions): string | null {
  try {
    return JSON.stringify(options.event) ?? null
  } catch (error) {
    // A cycle, a BigInt, or nesting deeper than JSON.stringify's stack (a few thousand levels).
    const reason = error instanceof Error ? error.message : String(error)
    const text = `the event for ${options.functionName} cannot be sent as JSON: ${reason}`
    throw new FunctionInvocationError(text, 'refused', '')
  }
}

export async function invokeFunction(options: InvokeOptions): Promise<InvokeResult> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_FUNCTION_TIMEOUT_MS
  // Before the child exists, so a refused event leaves no process behind.
  const eventJson = eventJsonOf(options)
  const env = functionEnvironment(options)
  const started = performance.now()
  const child = spawn(options.nodeBinary ?? process.execPath, [HOST_SCRIPT], {
    env,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    cwd: options.functionDir,
  })
  let stdout = ''
  let stderr = ''
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))

  return new Promise<InvokeResult>((resolve, reject) => {
    let message: HostMessage | undefined
    let timedOut = false
    // The host stops the function `timeoutMs` after calling main (context.time_limit_in_ms), as the
    // platform does; this is the backstop for a host that never got that far.
    const timer = setTimeout(() => {
      timedOut = true
      child.kill('SIGKILL')
    }, timeoutMs + LOAD_ALLOWANCE_MS)
    child.on('message', (value: unknown) => {
      if (isHostMessage(value)) message = value
    })
    child.on('error', (error) => {
      clearTimeout(timer)
      reject(
        new FunctionInvocationError(`could not start node: ${error.message}`, 'crashed', stderr),
      )
    })
    // 'close' waits for stdio to end, so stdout and stderr are complete here.
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      const durationMs = performance.now() - started
      if (timedOut || message?.type === 'timeout') {
        const text = `function ${options.functionName} timed out after ${timeoutMs} ms`
        reject(new FunctionInvocationError(text, 'timeout', stderr))
      } else if (message?.type === 'result') {
        const result: unknown = message.json === null ? undefined : JSON.parse(message.json)
        resolve({ result, stdout, stderr, durationMs })
      } else if (message?.type === 'error') {
        const { error } = message
        const text = `function ${options.functionName} threw ${error.name}: ${error.message}`
        reject(new FunctionInvocationError(text, 'threw', stderr, error.errCode, error.errMsg))
      } else {
        const text = `function ${options.functionName} exited (${signal ?? code}) without a result`
        reject(new FunctionInvocationError(text, 'crashed', stderr))
      }
    })
    child.send({
      functionDir: path.resolve(options.functionDir),
      eventJson,
      context: {
        callbackWaitsForEmptyEventLoop: false,
        memory_limit_in_mb: 256,
        time_limit_in_ms: timeoutMs,
        request_id: randomUUID(),
        function_name: options.functionName,
        function_version: '$LATEST',
        namespace: env['SCF_NAMESPACE'],
        tencentcloud_region: 'ap-shanghai',
      },
    })
  })
}
