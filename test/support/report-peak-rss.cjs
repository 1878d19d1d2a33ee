// Loaded with --require in a child process: on exit, writes the process's peak resident set size (KiB,
// VmHWM) to stderr, so a test can hold a function to a memory limit without watching it from outside.
// Not process.resourceUsage().maxRSS: Linux carries ru_maxrss over fork and exec, so a child would report
// its parent's peak (a test runner holding hundreds of MB) instead of its own.
'use strict'
const fs = require('node:fs')

process.on('exit', () => {
  const status = fs.readFileSync('/proc/self/status', 'utf8')
  const match = /^VmHWM:\s+(\d+) kB$/m.exec(status)
  fs.writeSync(2, `[peak-rss-kib] ${match ? match[1] : 'unknown'}\n`)
})
