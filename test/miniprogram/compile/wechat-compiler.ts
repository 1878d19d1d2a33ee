// Runs WeChat's compiler on a project in a node process of its own (see run-compiler.ts), held to the
// same loopback-only rule as the tests, and reads back the package it built and any refused connection.
import { execFile } from 'node:child_process'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { LOOPBACK_ONLY_NODE_OPTIONS } from '../../support/child-guard'
import type { CompiledPackage } from './run-compiler'

export interface CompileRun extends CompiledPackage {
  /** Connections beyond loopback that the guard refused, in the compiler or the process it forked. */
  violations: string[]
}

const RUNNER = path.join(__dirname, 'run-compiler.ts')
/**
 * tsx by its file URL, not its name: the compiler's fork inherits `--import` and starts in the project's
 * folder, where a project outside this repository (test/package's mini program) cannot resolve `tsx`.
 */
export const TSX_IMPORT = pathToFileURL(require.resolve('tsx')).href
/** Kept in step with run-compiler.ts, which jest must not load (it replaces child_process.fork). */
const RESULT_MARKER = '@@compiled-package@@'

function parseRun(stdout: string, stderr: string): CompileRun {
  const lines = (text: string): string[] => text.split('\n')
  const result = lines(stdout).find((line) => line.startsWith(RESULT_MARKER))
  if (result === undefined) throw new Error(`WeChat's compiler printed no package:\n${stderr}`)
  return {
    ...(JSON.parse(result.slice(RESULT_MARKER.length)) as CompiledPackage),
    violations: lines(stderr).filter((line) => line.includes('[loopback-only]')),
  }
}

export function compileWithWeChat(projectPath: string): Promise<CompileRun> {
  const env = {
    ...process.env,
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} ${LOOPBACK_ONLY_NODE_OPTIONS}`.trim(),
    LOOPBACK_ONLY_REPORT: 'stderr',
  }
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', TSX_IMPORT, RUNNER, projectPath],
      { env, maxBuffer: 64 * 1024 * 1024, timeout: 170_000 },
      (error, stdout, stderr) => {
        try {
          if (error) throw new Error(`WeChat's compiler failed (${error.message}):\n${stderr}`)
          resolve(parseRun(stdout, stderr))
        } catch (failure) {
          reject(failure)
        }
      },
    )
  })
}
