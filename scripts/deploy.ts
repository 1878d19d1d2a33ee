// `npm run deploy`: the package's `deploy` command (src/deploy/deploy.ts) run on this repository, with
// ENV_ID naming the environment (without it the CLI would stop and ask) and the repository's own
// @cloudbase/cli. TCB_BIN replaces the CLI (the tests use a stand-in that cannot reach the platform).
import path from 'node:path'
import { runAsProcess } from '../src/cli/main'

const ROOT = path.join(__dirname, '..')

void runAsProcess(['deploy', ...process.argv.slice(2)], { cwd: ROOT, packageRoot: ROOT })
