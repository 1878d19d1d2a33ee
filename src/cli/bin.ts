// The package's `bin` (dist/cli.cjs once built): plain Node 18+, nothing to install. The package root is
// the folder above dist/, where package.json and the function's folder are.
import path from 'node:path'
import { runCli } from './main'

runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  packageRoot: path.join(__dirname, '..'),
  stdout: process.stdout,
  stderr: process.stderr,
}).then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    // Not one of the CLI's own failures: a bug, or the file system refused; say it and exit 1.
    process.stderr.write(
      `wx-ocr-printed-text: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    )
    process.exitCode = 1
  },
)
