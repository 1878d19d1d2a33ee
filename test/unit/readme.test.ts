// The README is the contract a newcomer reads: it must keep the two commands and list every error code.
import fs from 'node:fs'
import path from 'node:path'
import { ERROR_CATALOG, ERROR_CODES } from '../../src/errors/catalog'

const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8')

test('gives the two commands', () => {
  expect(readme).toContain('npm ci && npm start')
  expect(readme).toContain('npm test')
})

test.each(ERROR_CODES)('lists %s with its retry flag', (code) => {
  const row = readme.split('\n').find((line) => line.startsWith(`| \`${code}\` |`))
  expect(row).toBeDefined()
  expect(row).toContain(ERROR_CATALOG[code].retryable ? '| yes |' : '| no |')
})
