// Run by wechat-pack-npm.ts as its own node process (`node --import tsx run-pack-npm.ts <package.json>
// <dist dir>`): DevTools' 构建 npm as miniprogram-ci does it (`packNpmManually`, no project key, offline),
// which copies each dependency's `miniprogram` folder (or bundles its `main`) into
// `<dist dir>/miniprogram_npm/`. Prints its result as one JSON line after PACK_RESULT_MARKER.
import * as ci from 'miniprogram-ci'

export const PACK_RESULT_MARKER = '@@packed-npm@@'

async function main(packageJsonPath: string, miniprogramNpmDistDir: string): Promise<void> {
  const result = await ci.packNpmManually({ packageJsonPath, miniprogramNpmDistDir })
  process.stdout.write(`\n${PACK_RESULT_MARKER}${JSON.stringify(result)}\n`)
}

const [packageJsonPath = '', distDir = ''] = process.argv.slice(2)
main(packageJsonPath, distDir).catch((error: unknown) => {
  process.stderr.write(
    `PACK NPM FAILED: ${error instanceof Error ? error.message : String(error)}\n`,
  )
  process.exitCode = 1
})
