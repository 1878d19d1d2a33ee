// The built function (cloudfunctions/ocrPrintedText/index.js), unchanged, invoked through a test cloud:
// the path a deployed function takes, with the platform replaced at the wire. A call answers the reply
// after the platform's JSON round trip, parsed by the reply schema, and the function's one log line.
import { z } from 'zod'

import { OcrReplySchema, type OcrReply } from '../../src/reply/schema'
import { BUILT_FUNCTION_DIR } from './function-scratch'
import type { TestCloud } from './local-cloud'
import { runFunction, type RunOptions } from './run-function'

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

export interface CallOptions extends RunOptions {
  /** Another name under which the cloud knows the same code (NO_PERMISSION); default ocrPrintedText. */
  functionName?: string
}

export interface FunctionCall {
  reply: OcrReply
  log: LogLine
  durationMs: number
  stdout: string
  stderr: string
}

type Cloud = Pick<TestCloud<unknown>, 'cloud' | 'functionEnv'>

/** Invokes the built function and returns what it answered, unparsed (an uploadPrefix reply, say). */
export async function callFunctionRaw(
  t: Cloud,
  event: Record<string, unknown>,
  options: CallOptions = {},
): Promise<unknown> {
  return (await invoke(t, event, options)).result
}

/** Invokes the built function: a reply the schema refuses, or not exactly one log line, fails the test. */
export async function callFunction(
  t: Cloud,
  event: Record<string, unknown>,
  options: CallOptions = {},
): Promise<FunctionCall> {
  const { result, durationMs, stdout, stderr } = await invoke(t, event, options)
  const lines = stdout
    .split('\n')
    .filter((line) => line.includes('"msg":"ocrPrintedText"'))
    .map((line) => LogLineSchema.parse(JSON.parse(line)))
  const [log] = lines
  if (log === undefined || lines.length !== 1) {
    throw new Error(`expected one ocrPrintedText log line, got ${lines.length}:\n${stdout}`)
  }
  return { reply: OcrReplySchema.parse(result), log, durationMs, stdout, stderr }
}

function invoke(t: Cloud, event: Record<string, unknown>, options: CallOptions) {
  const { functionName = 'ocrPrintedText', timeoutMs = 60_000, ...rest } = options
  return runFunction(
    t,
    { functionDir: BUILT_FUNCTION_DIR, functionName, event },
    { ...rest, timeoutMs },
  )
}

/** The reply's error; fails the test when the call succeeded. */
export function errorOf(reply: OcrReply): {
  code: string
  retryable: boolean
  errCode?: number
  hint: string
} {
  if (reply.ok) throw new Error(`expected a failure, got ${reply.items.length} lines`)
  return reply.error
}

/** `ok`, or the failure's code: a list of calls reads as one array of outcomes. */
export function errorCode(reply: OcrReply): string {
  return reply.ok ? 'ok' : reply.error.code
}
