// A jest reporter, next to the default one: at the end of a run, the ten test files that took longest,
// so a suite that slows `npm test` down is seen in the run that made it slow (CI gives the whole of
// `npm test` 8 minutes on 2 cores). Times are wall-clock per file, on whatever the machine was doing.
'use strict'
const path = require('node:path')

/** How many files the list shows. */
const SHOWN = 10

class SlowestSuites {
  constructor(globalConfig) {
    this.rootDir = globalConfig.rootDir
  }

  onRunComplete(_contexts, results) {
    const suites = results.testResults
      .map((suite) => ({
        file: path.relative(this.rootDir, suite.testFilePath),
        seconds: (suite.perfStats.end - suite.perfStats.start) / 1000,
      }))
      .sort((a, b) => b.seconds - a.seconds)
      .slice(0, SHOWN)
    if (suites.length === 0) return
    const width = Math.max(...suites.map((suite) => suite.file.length))
    const lines = suites.map(
      ({ file, seconds }) => `  ${file.padEnd(width)}  ${seconds.toFixed(1).padStart(6)} s`,
    )
    process.stderr.write(`\nSlowest test files:\n${lines.join('\n')}\n`)
  }
}

module.exports = SlowestSuites
