// Every test file runs with the loopback-only guard; any refused lookup or connection fails the file.
// The children a test starts get the same guard through child-guard.ts.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const guard = require('./loopback-only.cjs') as { violations: string[] }

afterAll(() => {
  expect(guard.violations).toEqual([])
})
