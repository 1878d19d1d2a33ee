// What `init` and `deploy` read from a mini program project's project.config.json (the file WeChat
// DevTools opens a project by): where its cloud functions live. DevTools' default is `cloudfunctions/`.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { CliError } from './cli-error'

export const PROJECT_CONFIG = 'project.config.json'
export const DEFAULT_FUNCTION_ROOT = 'cloudfunctions/'

export interface ProjectConfig {
  /** As the project writes it (`cloudfunctionRoot`), relative to the project root. */
  functionRoot: string
}

function readJson(file: string): unknown {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT'
    throw new CliError(
      missing ? 'PROJECT_CONFIG_MISSING' : 'PROJECT_CONFIG_UNREADABLE',
      missing
        ? `no ${PROJECT_CONFIG} in ${path.dirname(file)}: run this in your mini program project's ` +
            'root, the folder WeChat DevTools opens'
        : `cannot read ${file}: ${(error as Error).message}`,
      { cause: error },
    )
  }
  try {
    return JSON.parse(text) as unknown
  } catch (error) {
    throw new CliError(
      'PROJECT_CONFIG_UNREADABLE',
      `${file} is not JSON (${(error as Error).message}); fix it in WeChat DevTools or an editor`,
      { cause: error },
    )
  }
}

export function readProjectConfig(projectRoot: string): ProjectConfig {
  const file = path.join(projectRoot, PROJECT_CONFIG)
  const config = readJson(file)
  if (typeof config !== 'object' || config === null || Array.isArray(config)) {
    throw new CliError('PROJECT_CONFIG_UNREADABLE', `${file} does not hold a JSON object`)
  }
  const root: unknown = (config as Record<string, unknown>).cloudfunctionRoot
  if (root === undefined) return { functionRoot: DEFAULT_FUNCTION_ROOT }
  if (typeof root !== 'string' || root.trim() === '') {
    throw new CliError(
      'PROJECT_CONFIG_UNREADABLE',
      `${file}: cloudfunctionRoot must be a folder name such as "${DEFAULT_FUNCTION_ROOT}"`,
    )
  }
  const resolved = path.resolve(projectRoot, root)
  const relative = path.relative(projectRoot, resolved)
  if (relative.startsWith('..') || path.isAbsolute(relative)) {
    throw new CliError(
      'FUNCTION_ROOT_OUTSIDE_PROJECT',
      `${file}: cloudfunctionRoot "${root}" is outside the project; ` +
        'the function is written only inside it',
    )
  }
  return { functionRoot: root }
}
