// Runs WeChat's compiler on a project in a node process of its own (see run-compiler.ts), held to the
// same loopback-only rule as the tests, and reads back the package it built and any refused connection.
import path from 'node:path'
import type { CompiledPackage } from './run-compiler'
import { runWeChatTool } from './wechat-tool'

export interface CompileRun extends CompiledPackage {
  /** Connections beyond loopback that the guard refused, in the compiler or the process it forked. */
  violations: string[]
}

const RUNNER = path.join(__dirname, 'run-compiler.ts')
/** Kept in step with run-compiler.ts, which jest must not load (it replaces child_process.fork). */
const RESULT_MARKER = '@@compiled-package@@'

export async function compileWithWeChat(projectPath: string): Promise<CompileRun> {
  const { result, violations } = await runWeChatTool<CompiledPackage>(
    "WeChat's compiler",
    RUNNER,
    [projectPath],
    RESULT_MARKER,
    { maxBuffer: 64 * 1024 * 1024, timeout: 170_000 },
  )
  return { ...result, violations }
}
