// Which `tcb` runs the deploy: the team's own CloudBase CLI, never one this package brings (it is about
// 34 MB and logs in to the team's account). TCB_BIN names one explicitly (the tests' stand-in); else the
// project's node_modules/.bin, as `npm i -D @cloudbase/cli` installs it; else the first on PATH.
import { accessSync, constants, statSync } from 'node:fs'
import path from 'node:path'
import { CliError } from '../cli/cli-error'

const NAMES = process.platform === 'win32' ? ['tcb.cmd', 'tcb.exe', 'tcb'] : ['tcb']

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK)
    return statSync(file).isFile()
  } catch {
    return false
  }
}

function firstIn(dirs: readonly string[]): string | undefined {
  for (const dir of dirs) {
    for (const name of NAMES) {
      const file = path.join(dir, name)
      if (isExecutable(file)) return file
    }
  }
  return undefined
}

export function findTcb(projectRoot: string, env: NodeJS.ProcessEnv): string {
  const named = env.TCB_BIN
  if (named !== undefined && named !== '') return named
  const pathDirs = (env.PATH ?? '').split(path.delimiter).filter((dir) => dir !== '')
  const found = firstIn([path.join(projectRoot, 'node_modules', '.bin'), ...pathDirs])
  if (found !== undefined) return found
  throw new CliError(
    'TCB_MISSING',
    'no CloudBase CLI (tcb) in this project or on PATH: install it with `npm i -D @cloudbase/cli`, ' +
      'then log in once with `npx tcb login`',
  )
}
