// Runs WeChat's npm build (run-pack-npm.ts) in a node process of its own, held to the loopback-only rule,
// and reads back its result and any refused connection.
import path from 'node:path'
import { runWeChatTool } from './wechat-tool'

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

export async function packNpmWithWeChat(
  packageJsonPath: string,
  miniprogramNpmDistDir: string,
): Promise<PackNpmRun> {
  const { result, violations } = await runWeChatTool<Omit<PackNpmRun, 'violations'>>(
    "WeChat's npm build",
    RUNNER,
    [packageJsonPath, miniprogramNpmDistDir],
    PACK_RESULT_MARKER,
    { maxBuffer: 16 * 1024 * 1024, timeout: 120_000 },
  )
  return { ...result, violations }
}
