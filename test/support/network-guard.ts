// Every test file runs with the loopback-only guard; any refused lookup or connection fails the file.
import path from 'node:path'

// eslint-disable-next-line @typescript-eslint/no-require-imports
const guard = require('./loopback-only.cjs') as { violations: string[] }

/** NODE_OPTIONS for child processes, so they are held to the same rule. */
export const LOOPBACK_ONLY_NODE_OPTIONS = `--require ${path.join(__dirname, 'loopback-only.cjs')}`

afterAll(() => {
  expect(guard.violations).toEqual([])
})
