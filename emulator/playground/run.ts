// What the playground's "run" does: turn an upload, a URL or a raw event into the event a real caller would
// send, and run the unchanged built function on it through the same runner `npm run ocr` uses.
import path from 'node:path'

import { z } from 'zod'

import {
  FunctionInvocationError,
  invokeFunction,
  LOCAL_CONSOLE_ENV,
  type InvokeTarget,
} from '../function-runner'
import { uploadAsLocalUser, type Upload } from '../storage/user-upload'

export const FUNCTION_NAME = 'ocrPrintedText'
/** The built function, never its sources: the page must exercise exactly what gets deployed. */
export const BUILT_FUNCTION_DIR = path.join(__dirname, '..', '..', 'cloudfunctions', FUNCTION_NAME)
/** As `npm run ocr`: the engine's first load and a slow image must not look like a broken function. */
const RUN_TIMEOUT_MS = 60_000

export const RunRequestSchema = z.union([
  z.strictObject({
    /** The file's bytes, base64 (no data: prefix). */
    image: z.base64().min(1),
    /** The chosen file's name; only its extension is kept, as the CLI keeps a path's. */
    name: z.string().max(255).optional(),
  }),
  z.strictObject({ imgUrl: z.string().min(1).max(4096) }),
  z.strictObject({
    event: z.json(),
    /** Play this user (cloud.getWXContext().OPENID), as a mini program caller would be. */
    openid: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,64}$/)
      .optional(),
  }),
])
export type RunRequest = z.infer<typeof RunRequestSchema>

export interface PlannedRun {
  event: unknown
  openid: string | undefined
}

/** The event for a request; an upload is stored under the CLI user's prefix first, as `npm run ocr` does. */
export async function planRun(request: RunRequest, storage: Upload): Promise<PlannedRun> {
  if ('image' in request) {
    return uploadAsLocalUser(storage, Buffer.from(request.image, 'base64'), request.name)
  }
  if ('imgUrl' in request) return { event: { imgUrl: request.imgUrl }, openid: undefined }
  return { event: request.event, openid: request.openid }
}

export type RunOutcome =
  | { ok: true; event: unknown; reply: unknown; durationMs: number; logs: string }
  | {
      ok: false
      event: unknown
      failure: { kind: FunctionInvocationError['kind']; message: string }
      durationMs: number
      logs: string
    }

/** Runs the function; a function that threw, crashed or timed out is an outcome to show, not a 500. */
export async function runFunction(
  planned: PlannedRun,
  cloud: InvokeTarget,
  functionDir = BUILT_FUNCTION_DIR,
): Promise<RunOutcome> {
  const started = performance.now()
  try {
    const run = await invokeFunction({
      functionDir,
      functionName: FUNCTION_NAME,
      event: planned.event,
      cloud,
      // Without a user, the page is an operator's console.
      ...(planned.openid === undefined
        ? { extraEnv: LOCAL_CONSOLE_ENV }
        : { openid: planned.openid }),
      timeoutMs: RUN_TIMEOUT_MS,
    })
    const logs = `${run.stdout}${run.stderr}`
    return { ok: true, event: planned.event, reply: run.result, durationMs: run.durationMs, logs }
  } catch (error) {
    if (!(error instanceof FunctionInvocationError)) throw error
    return {
      ok: false,
      event: planned.event,
      failure: { kind: error.kind, message: error.message },
      durationMs: performance.now() - started,
      logs: error.stderr,
    }
  }
}
