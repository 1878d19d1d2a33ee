// The loopback-only rule for the child processes a test starts (a function, a compiler): they load the
// same guard through NODE_OPTIONS and report a refused lookup or connection on stderr, where the parent
// looks for it. Free of jest, so the benchmarks' children are held to it too.
import path from 'node:path'

export const LOOPBACK_ONLY_NODE_OPTIONS = `--require ${path.join(__dirname, 'loopback-only.cjs')}`

/** The environment every child gets: the guard, reporting on stderr. */
export const LOOPBACK_GUARD_ENV: Readonly<Record<string, string>> = {
  NODE_OPTIONS: LOOPBACK_ONLY_NODE_OPTIONS,
  LOOPBACK_ONLY_REPORT: 'stderr',
}

/** Fails when a child's stderr shows a lookup or connection beyond loopback that the guard refused. */
export function assertStayedOnLoopback(stderr: string): void {
  if (stderr.includes('[loopback-only]')) {
    throw new Error(`a child reached beyond loopback:\n${stderr}`)
  }
}
