// Deploys ocrPrintedText with the settings of the project's cloudbaserc.json (runtime, timeout, memory,
// environment variables) through the team's own `tcb fn deploy`, and fails with the CLI's reason on one
// line when the deploy did not happen (the CLI itself exits 0 then). One code path for this repository's
// `npm run deploy` and the package's `npx wx-ocr-printed-text deploy`.
import { existsSync } from 'node:fs'
import path from 'node:path'
import { CliError } from '../cli/cli-error'
import { DEFAULT_FUNCTION_ROOT, readProjectConfig } from '../cli/project-config'
import { checkEnvId } from './env-id'
import { FUNCTION_NAME, functionFolder } from './function-files'
import { runTcb, type TcbStreams } from './run-tcb'
import { readDeployConfig, suggestedCloudbaserc } from './settings'
import { findTcb } from './tcb-binary'
import { judgeDeployOutput } from './verdict'

export interface DeployRequest {
  /** The project: cloudbaserc.json, the function's folder, and where `tcb` runs. */
  projectRoot: string
  /** From `--env` or ENV_ID, unchecked. */
  envId: string | undefined
  /** Where TCB_BIN and PATH are read. */
  env: NodeJS.ProcessEnv
  /** Where the CLI's output is relayed, and this deploy's own lines written. */
  streams: TcbStreams
}

const RC_FILE = 'cloudbaserc.json'

function functionRootOf(projectRoot: string): string {
  try {
    return readProjectConfig(projectRoot).functionRoot
  } catch {
    return DEFAULT_FUNCTION_ROOT
  }
}

function readConfig(projectRoot: string) {
  const rcPath = path.join(projectRoot, RC_FILE)
  if (!existsSync(rcPath)) {
    throw new CliError(
      'CLOUDBASERC_MISSING',
      `no ${RC_FILE} in ${projectRoot}: tcb fn deploy reads the function's runtime, timeout and ` +
        `memory from it. Create it, for example:\n${suggestedCloudbaserc(functionRootOf(projectRoot), FUNCTION_NAME)}`,
    )
  }
  return readDeployConfig(rcPath, FUNCTION_NAME)
}

/** The line that says it was deployed; throws a CliError when it was not, or could not start. */
export async function deployFunction(request: DeployRequest): Promise<string> {
  const envId = checkEnvId(request.envId)
  const { functionRoot, settings } = readConfig(request.projectRoot)
  const folder = functionFolder(functionRoot)
  if (!existsSync(path.join(request.projectRoot, folder, 'index.js'))) {
    throw new CliError(
      'FUNCTION_NOT_SCAFFOLDED',
      `no ${folder}/index.js (cloudbaserc.json functionRoot "${functionRoot}"): ` +
        'write it with `npx wx-ocr-printed-text init`',
    )
  }
  const tcb = findTcb(request.projectRoot, request.env)
  // --force overwrites the existing function's code and config, --yes answers the CLI's questions.
  const args = ['fn', 'deploy', FUNCTION_NAME, '--envId', envId, '--force', '--yes']
  request.streams.stdout.write(
    `deploying ${FUNCTION_NAME} to ${envId}: ${settings.runtime}, timeout ${settings.timeout} s, ` +
      `${settings.memorySize} MB, env ${Object.keys(settings.envVariables).join(', ') || '(none)'}\n`,
  )
  const { output, exitCode } = await runTcb(tcb, args, request.projectRoot, request.streams)
  const verdict = judgeDeployOutput(output, exitCode, FUNCTION_NAME)
  if (!verdict.deployed) throw new CliError('DEPLOY_FAILED', verdict.reason)
  return `deploy: ${verdict.reason} to ${envId} (timeout ${settings.timeout} s)`
}
