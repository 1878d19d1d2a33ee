// The cloud function this package ships: its name (the folder, the name it is called and deployed by) and
// the files of its folder, as `npm run build` writes them and the package carries them (package.json
// `files`). src/ and node_modules stay out: the bundle needs no install in the cloud.
export const FUNCTION_NAME = 'ocrPrintedText'

export const FUNCTION_FILES = ['index.js', 'config.json', 'package.json'] as const

/** The folder of the function under a project's function root, e.g. `cloudfunctions/ocrPrintedText`. */
export function functionFolder(functionRoot: string): string {
  return `${functionRoot.replace(/[\\/]+$/, '')}/${FUNCTION_NAME}`
}
