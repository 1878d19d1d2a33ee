// `npm run deploy`: deploys ocrPrintedText with the settings of cloudbaserc.json (runtime, timeout,
// memory, environment variables) through `tcb fn deploy`, and exits non-zero with the CLI's reason on one
// line when the deploy did not happen (the CLI itself exits 0 then). ENV_ID names the environment: without
// it the CLI would stop and ask. TCB_BIN replaces the CLI (the tests use a stand-in that cannot reach the
// platform).
import { spawn } from 'node:child_process'
import path from 'node:path'
import { judgeDeployOutput } from './deploy/verdict'
import { readFunctionSettings } from './deploy/settings'

const ROOT = path.join(__dirname, '..')
const FUNCTION_NAME = 'ocrPrintedText'

function fail(reason: string, code = 1): number {
  console.error(`deploy failed: ${reason.replace(/\s*\n\s*/g, ' ')}`)
  return code
}

async function main(): Promise<number> {
  const envId = process.env.ENV_ID?.trim()
  if (!envId)
    return fail('set ENV_ID to your cloud environment id (ENV_ID=<env> npm run deploy)', 2)
  let settings
  try {
    settings = readFunctionSettings(path.join(ROOT, 'cloudbaserc.json'), FUNCTION_NAME)
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error), 2)
  }
  const tcb = process.env.TCB_BIN ?? path.join(ROOT, 'node_modules', '.bin', 'tcb')
  // --force overwrites the existing function's code and config, --yes answers the CLI's questions.
  const args = ['fn', 'deploy', FUNCTION_NAME, '--envId', envId, '--force', '--yes']
  console.log(
    `deploying ${FUNCTION_NAME} to ${envId}: ${settings.runtime}, timeout ${settings.timeout} s, ` +
      `${settings.memorySize} MB, env ${Object.keys(settings.envVariables).join(', ') || '(none)'}`,
  )
  let output = ''
  const exitCode = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(tcb, args, { cwd: ROOT, stdio: ['inherit', 'pipe', 'pipe'] })
    const relay = (stream: NodeJS.WritableStream) => (chunk: Buffer) => {
      output += chunk.toString('utf8')
      stream.write(chunk)
    }
    child.stdout.on('data', relay(process.stdout))
    child.stderr.on('data', relay(process.stderr))
    child.on('error', reject)
    child.on('close', resolve)
  }).catch((error: unknown) => {
    output = `✖ could not run ${tcb}: ${error instanceof Error ? error.message : String(error)}`
    return null
  })
  const verdict = judgeDeployOutput(output, exitCode, FUNCTION_NAME)
  if (!verdict.deployed) return fail(verdict.reason)
  console.log(`deploy: ${verdict.reason} to ${envId} (timeout ${settings.timeout} s)`)
  return 0
}

main().then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    process.exitCode = fail(error instanceof Error ? error.message : String(error))
  },
)
