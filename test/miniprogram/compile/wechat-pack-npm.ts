// Runs WeChat's npm build (run-pack-npm.ts) in a node process of its own, held to the loopback-only rule,
// and reads back its result and any refused connection.
import { execFile } from 'node:child_process'
import path from 'node:path'
import { LOOPBACK_ONLY_NODE_OPTIONS } from '../../support/child-guard'
import { TSX_IMPORT } from './wechat-compiler'

export interface PackNpmRun {
  /** Packages built from their `miniprogram` folder, and from `main`. */
  miniProgramPackNum: number
  otherNpmPackNum: number
  warnList: unknown[]
  violations: string[]
}

const RUNNER = path.join(__dirname, 'run-pack-npm.ts')
/** Kept in step with run-pack-npm.ts, which jest does not load (miniprogram-ci is slow in its registry). */
const PACK_RESULT_MARKER = '@@packed-npm@@'

export function packNpmWithWeChat(
  packageJsonPath: string,
  miniprogramNpmDistDir: string,
): Promise<PackNpmRun> {
  const env = {
    ...process.env,
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} ${LOOPBACK_ONLY_NODE_OPTIONS}`.trim(),
    LOOPBACK_ONLY_REPORT: 'stderr',
  }
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', TSX_IMPORT, RUNNER, packageJsonPath, miniprogramNpmDistDir],
      { env, maxBuffer: 16 * 1024 * 1024, timeout: 120_000 },
      (error, stdout, stderr) => {
        const line = stdout.split('\n').find((l) => l.startsWith(PACK_RESULT_MARKER))
        if (error || line === undefined) {
          reject(
            new Error(`WeChat's npm build failed (${error?.message ?? 'no result'}):\n${stderr}`),
          )
          return
        }
        const result = JSON.parse(line.slice(PACK_RESULT_MARKER.length)) as Omit<
          PackNpmRun,
          'violations'
        >
        const violations = stderr.split('\n').filter((l) => l.includes('[loopback-only]'))
        resolve({ ...result, violations })
      },
    )
  })
}
