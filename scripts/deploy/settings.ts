// The function's deploy settings, read from cloudbaserc.json and checked before the CLI runs: the CLI
// has no offline validate command, and a wrong value would be found only on the platform.
import { readFileSync } from 'node:fs'
import { z } from 'zod'

/** OCR with retries needs the 20 s the retry budget is fitted to; the platform default is 3 s. */
export const REQUIRED_TIMEOUT_S = 20

const FunctionSchema = z.object({
  name: z.string(),
  runtime: z.string().regex(/^Nodejs\d+\.\d+$/),
  timeout: z.number().int().min(REQUIRED_TIMEOUT_S).max(900),
  memorySize: z.number().int().positive(),
  handler: z.literal('index.main'),
  installDependency: z.literal(false),
  envVariables: z.record(z.string(), z.string()).default({}),
})

const RcSchema = z.object({
  version: z.literal('2.0'),
  envId: z.string(),
  functionRoot: z.string(),
  functions: z.array(z.looseObject({ name: z.string() })),
})

export type FunctionSettings = z.infer<typeof FunctionSchema>

export function readFunctionSettings(rcPath: string, name: string): FunctionSettings {
  const rc = RcSchema.parse(JSON.parse(readFileSync(rcPath, 'utf8')))
  const entry = rc.functions.find((fn) => fn.name === name)
  if (entry === undefined) throw new Error(`cloudbaserc.json has no function "${name}"`)
  const parsed = FunctionSchema.safeParse(entry)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new Error(`cloudbaserc.json ${name}.${issue?.path.join('.')}: ${issue?.message}`)
  }
  return parsed.data
}
