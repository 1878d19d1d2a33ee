// The command line: parses the arguments, runs one command, writes what happened, and answers an exit
// code (cli-error.ts). Everything it touches comes in the context, so a test can run it in-process.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { deployFunction } from '../deploy/deploy'
import { FUNCTION_NAME } from '../deploy/function-files'
import { CliError } from './cli-error'
import { DEPLOY_HELP, INIT_HELP, MAIN_HELP, PROGRAM } from './help'
import { initFunction, nextSteps } from './init'

export interface CliContext {
  /** The mini program project's root. */
  cwd: string
  env: NodeJS.ProcessEnv
  /** The installed package's root: its package.json and its copy of the function's folder. */
  packageRoot: string
  stdout: NodeJS.WritableStream
  stderr: NodeJS.WritableStream
}

const COMMAND_HELP: Record<string, string> = { init: INIT_HELP, deploy: DEPLOY_HELP }

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  force: { type: 'boolean' },
  env: { type: 'string' },
} as const

type CommandOption = 'force' | 'env'

function parse(command: string, args: string[], allowed: readonly CommandOption[]) {
  let values
  try {
    ;({ values } = parseArgs({ args, options: OPTIONS, strict: true }))
  } catch (error) {
    throw new CliError('USAGE', `${(error as Error).message}; see npx ${PROGRAM} ${command} --help`)
  }
  for (const option of ['force', 'env'] as const) {
    if (values[option] !== undefined && !allowed.includes(option)) {
      throw new CliError(
        'USAGE',
        `${command} takes no --${option}; see npx ${PROGRAM} ${command} --help`,
      )
    }
  }
  return values
}

async function runCommand(command: string, args: string[], context: CliContext): Promise<void> {
  const write = (text: string): void => {
    context.stdout.write(`${text}\n`)
  }
  if (command === 'init') {
    const values = parse(command, args, ['force'])
    if (values.help === true) return write(INIT_HELP)
    const result = initFunction({
      projectRoot: context.cwd,
      shippedFolder: path.join(context.packageRoot, 'cloudfunctions', FUNCTION_NAME),
      force: values.force === true,
    })
    if (result.written.length === 0 && result.overwritten.length === 0) {
      return write(`${result.folder} is already up to date (${result.unchanged.join(', ')})`)
    }
    for (const name of result.written) write(`wrote ${result.folder}/${name}`)
    for (const name of result.overwritten) write(`overwrote ${result.folder}/${name} (--force)`)
    for (const name of result.unchanged) write(`unchanged ${result.folder}/${name}`)
    return write(`\n${nextSteps(result.folder)}`)
  }
  if (command === 'deploy') {
    const values = parse(command, args, ['env'])
    if (values.help === true) return write(DEPLOY_HELP)
    const envId = values.env ?? context.env.ENV_ID
    const streams = { stdout: context.stdout, stderr: context.stderr }
    return write(
      await deployFunction({ projectRoot: context.cwd, envId, env: context.env, streams }),
    )
  }
  throw new CliError('USAGE', `unknown command "${command}": see npx ${PROGRAM} --help`)
}

function version(packageRoot: string): string {
  const manifest = JSON.parse(readFileSync(path.join(packageRoot, 'package.json'), 'utf8')) as {
    version: string
  }
  return manifest.version
}

/** Runs the command line `argv` (without node and the script) and answers its exit code. */
export async function runCli(argv: readonly string[], context: CliContext): Promise<number> {
  const [command, ...rest] = argv
  try {
    if (command === undefined || command === '-h' || command === '--help') {
      context.stdout.write(`${MAIN_HELP}\n`)
      return command === undefined ? 2 : 0
    }
    if (command === 'help') {
      context.stdout.write(`${COMMAND_HELP[rest[0] ?? ''] ?? MAIN_HELP}\n`)
      return 0
    }
    if (command === '-v' || command === '--version') {
      context.stdout.write(`${version(context.packageRoot)}\n`)
      return 0
    }
    await runCommand(command, rest, context)
    return 0
  } catch (error) {
    if (!(error instanceof CliError)) throw error
    // One line, so that a CI log shows the whole reason where it shows the last line.
    context.stderr.write(`${command} failed: ${error.message.replace(/\s*\n\s*/g, ' ')}\n`)
    return error.exitCode
  }
}

/**
 * Runs the command line in this process, with its streams and environment, and sets the exit code: the
 * package's bin and `npm run deploy` both start here. A failure that is none of the CLI's own (a bug, or
 * the file system refused) is said with its stack and exits 1.
 */
export function runAsProcess(
  argv: readonly string[],
  where: Pick<CliContext, 'cwd' | 'packageRoot'>,
): Promise<void> {
  const context = { ...where, env: process.env, stdout: process.stdout, stderr: process.stderr }
  return runCli(argv, context).then(
    (code) => {
      process.exitCode = code
    },
    (error: unknown) => {
      process.stderr.write(
        `${PROGRAM}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      )
      process.exitCode = 1
    },
  )
}
