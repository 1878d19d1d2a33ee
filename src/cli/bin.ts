// The package's `bin` (dist/cli.cjs once built): plain Node 18+, nothing to install. The package root is
// the folder above dist/, where package.json and the function's folder are.
import path from 'node:path'
import { runAsProcess } from './main'

void runAsProcess(process.argv.slice(2), {
  cwd: process.cwd(),
  packageRoot: path.join(__dirname, '..'),
})
