// `init`: writes the ocrPrintedText function this package ships into a mini program project, under the
// function root of its project.config.json. Only the function's own folder is touched. A file that
// already holds the shipped bytes is left as it is; one that differs was changed by the team (or comes
// from another version of the package), so nothing is written unless --force says to overwrite it.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { FUNCTION_FILES, FUNCTION_NAME, functionFolder } from '../deploy/function-files'
import { REQUIRED_TIMEOUT_S } from '../deploy/settings'
import { CliError } from './cli-error'
import { readProjectConfig } from './project-config'

export interface InitRequest {
  projectRoot: string
  /** The package's own copy of the function's folder. */
  shippedFolder: string
  force: boolean
}

export interface InitResult {
  /** The function's folder, relative to the project root. */
  folder: string
  written: string[]
  overwritten: string[]
  unchanged: string[]
}

type FileState = 'absent' | 'same' | 'changed'

function stateOf(target: string, shipped: Buffer): FileState {
  let current: Buffer
  try {
    current = readFileSync(target)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'absent'
    throw error
  }
  return current.equals(shipped) ? 'same' : 'changed'
}

export function initFunction(request: InitRequest): InitResult {
  const { functionRoot } = readProjectConfig(request.projectRoot)
  const folder = functionFolder(functionRoot)
  const target = path.join(request.projectRoot, folder)
  const plan = FUNCTION_FILES.map((name) => {
    const shipped = readFileSync(path.join(request.shippedFolder, name))
    return { name, shipped, state: stateOf(path.join(target, name), shipped) }
  })
  const changed = plan.filter((file) => file.state === 'changed').map((file) => file.name)
  if (changed.length > 0 && !request.force) {
    throw new CliError(
      'FUNCTION_FILES_CHANGED',
      `${changed.map((name) => `${folder}/${name}`).join(', ')} ` +
        `${changed.length === 1 ? 'differs' : 'differ'} from the ${FUNCTION_NAME} this package ships; ` +
        'kept as it is, nothing written. Run `npx wx-ocr-printed-text init --force` to overwrite ' +
        '(after an upgrade of the package, that is the way to take the new bundle)',
    )
  }
  mkdirSync(target, { recursive: true })
  const result: InitResult = { folder, written: [], overwritten: [], unchanged: [] }
  for (const file of plan) {
    if (file.state === 'same') {
      result.unchanged.push(file.name)
      continue
    }
    writeFileSync(path.join(target, file.name), file.shipped)
    ;(file.state === 'absent' ? result.written : result.overwritten).push(file.name)
  }
  return result
}

/** What to do after the files are in place, for a team that has never deployed the function. */
export function nextSteps(folder: string): string {
  return [
    'Next steps:',
    `  1. Upload it once from WeChat DevTools: right-click ${folder} → 上传并部署（所有文件）.`,
    '     Only DevTools reads config.json and grants the openapi permission ocr.printedText;',
    '     until then calls answer -604101 (PERMISSION_MISSING).',
    `  2. Set its timeout to ${REQUIRED_TIMEOUT_S} s (云开发 → 云函数 → ${FUNCTION_NAME} → 函数配置 → 超时时间):`,
    `     the platform's default of 3 s is shorter than OCR with its retries needs (README: "The function's time limit").`,
    '  3. Or, for later deploys and CI, with your own CloudBase CLI and a cloudbaserc.json:',
    '     npx wx-ocr-printed-text deploy --env <env id>',
  ].join('\n')
}
