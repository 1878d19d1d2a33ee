// Runs one of WeChat's tools (miniprogram-ci's compiler or npm build, through a runner script) in a node
// process of its own, held to the same loopback-only rule as the tests, and reads back the one result
// line the runner printed after its marker and any connection the guard refused.
import { execFile } from 'node:child_process'
import { pathToFileURL } from 'node:url'
import { LOOPBACK_ONLY_NODE_OPTIONS } from '../../support/child-guard'

/**
 * tsx by its file URL, not its name: the compiler's fork inherits `--import` and starts in the project's
 * folder, where a project outside this repository (test/package's mini program) cannot resolve `tsx`.
 */
export const TSX_IMPORT = pathToFileURL(require.resolve('tsx')).href

export interface ToolRun<T> {
  result: T
  /** Connections beyond loopback that the guard refused, in the tool or a process it forked. */
  violations: string[]
}

export function runWeChatTool<T>(
  what: string,
  runner: string,
  args: readonly string[],
  marker: string,
  limits: { maxBuffer: number; timeout: number },
): Promise<ToolRun<T>> {
  const env = {
    ...process.env,
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} ${LOOPBACK_ONLY_NODE_OPTIONS}`.trim(),
    LOOPBACK_ONLY_REPORT: 'stderr',
  }
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', TSX_IMPORT, runner, ...args],
      { env, ...limits },
      (error, stdout, stderr) => {
        const line = stdout.split('\n').find((printed) => printed.startsWith(marker))
        if (error || line === undefined) {
          reject(new Error(`${what} failed (${error?.message ?? 'no result'}):\n${stderr}`))
          return
        }
        resolve({
          result: JSON.parse(line.slice(marker.length)) as T,
          violations: stderr.split('\n').filter((printed) => printed.includes('[loopback-only]')),
        })
      },
    )
  })
}
