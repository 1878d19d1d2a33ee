// The function's deploy settings, read from cloudbaserc.json and checked before the CLI runs: the CLI
// has no offline validate command, and a wrong value would be found only on the platform.
import { readFileSync } from 'node:fs'
import * as z from 'zod'
import { CliError } from '../cli/cli-error'
import { FUNCTION_TIMEOUT_MS } from '../retry/policy'

/** OCR with retries needs the 20 s the retry budget is fitted to; the platform default is 3 s. */
export const REQUIRED_TIMEOUT_S = FUNCTION_TIMEOUT_MS / 1000

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

export interface DeployConfig {
  /** Where the CLI looks for the function's folder, relative to cloudbaserc.json. */
  functionRoot: string
  settings: FunctionSettings
}

function parseJson(rcPath: string): unknown {
  let text: string
  try {
    text = readFileSync(rcPath, 'utf8')
  } catch (error) {
    throw new CliError('CLOUDBASERC_MISSING', `cannot read ${rcPath}`, { cause: error })
  }
  try {
    return JSON.parse(text) as unknown
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    throw new CliError('CLOUDBASERC_INVALID', `cloudbaserc.json is not JSON: ${reason}`)
  }
}

function firstIssue(error: z.ZodError, prefix: string): string {
  const issue = error.issues[0]
  return `cloudbaserc.json ${[prefix, ...(issue?.path ?? [])].filter((p) => p !== '').join('.')}: ${issue?.message}`
}

export function readDeployConfig(rcPath: string, name: string): DeployConfig {
  const rc = RcSchema.safeParse(parseJson(rcPath))
  if (!rc.success) throw new CliError('CLOUDBASERC_INVALID', firstIssue(rc.error, ''))
  const entry = rc.data.functions.find((fn) => fn.name === name)
  if (entry === undefined)
    throw new CliError('CLOUDBASERC_INVALID', `cloudbaserc.json has no function "${name}"`)
  const parsed = FunctionSchema.safeParse(entry)
  if (!parsed.success) throw new CliError('CLOUDBASERC_INVALID', firstIssue(parsed.error, name))
  return { functionRoot: rc.data.functionRoot, settings: parsed.data }
}

/**
 * A cloudbaserc.json for a project that has none: the smallest file the checks above accept, with the
 * project's own function root. The runtime is the oldest the platform offers, as this repository's.
 */
export function suggestedCloudbaserc(functionRoot: string, name: string): string {
  const rc = {
    version: '2.0',
    envId: '{{env.ENV_ID}}',
    functionRoot,
    functions: [
      {
        name,
        runtime: 'Nodejs16.13',
        timeout: REQUIRED_TIMEOUT_S,
        memorySize: 256,
        handler: 'index.main',
        installDependency: false,
      },
    ],
  }
  return JSON.stringify(rc, null, 2)
}
