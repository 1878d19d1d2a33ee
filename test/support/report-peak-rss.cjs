// Loaded with --require in a child process: on exit, writes the process's peak resident set size (KiB)
// to stderr, so a test can hold a function to a memory limit without watching it from outside.
'use strict'
const fs = require('node:fs')

process.on('exit', () => {
  fs.writeSync(2, `[peak-rss-kib] ${process.resourceUsage().maxRSS}\n`)
})
