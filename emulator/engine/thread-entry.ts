import path from 'node:path'

/**
 * A worker thread's entry file, next to this one. Run from TypeScript sources (tsx, ts-jest), the
 * thread gets tsx's require hook so it can load them too.
 */
export function threadEntry(name: string): { file: string; execArgv: string[] | undefined } {
  const extension = path.extname(__filename)
  return {
    file: path.join(__dirname, `${name}${extension}`),
    execArgv: extension === '.ts' ? ['--require', require.resolve('tsx/cjs')] : undefined,
  }
}
