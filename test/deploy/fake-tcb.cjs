#!/usr/bin/env node
// A stand-in for `tcb` that never reaches anything: it writes its arguments and the current directory to
// $FAKE_TCB_ARGS (if set), prints the recording named by $FAKE_TCB_RECORDING, and exits $FAKE_TCB_EXIT.
'use strict'
const fs = require('node:fs')

if (process.env.FAKE_TCB_ARGS) {
  fs.writeFileSync(
    process.env.FAKE_TCB_ARGS,
    JSON.stringify({ args: process.argv.slice(2), cwd: process.cwd() }),
  )
}
const lines = fs.readFileSync(process.env.FAKE_TCB_RECORDING, 'utf8').split('\n')
// ora writes its spinner lines to stderr, the CLI's logger to stdout: keep both streams in use.
for (const line of lines) {
  if (line === '') continue
  const spinner = /^[-✔] /.test(line)
  ;(spinner ? process.stderr : process.stdout).write(`${line}\n`)
}
process.exitCode = Number(process.env.FAKE_TCB_EXIT ?? '0')
