// The README is the contract a newcomer reads: it must keep the two commands, give mini program teams
// their three commands and one tag first (the very page the package test compiles), name only commands
// the bin has, and list every error code.
import fs from 'node:fs'
import path from 'node:path'
import { MAIN_HELP, PROGRAM } from '../../src/cli/help'
import { ERROR_CATALOG, ERROR_CODES } from '../../src/errors/catalog'

const ROOT = path.join(__dirname, '..', '..')
const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8')
const fixturePage = (ext: string) =>
  fs.readFileSync(
    path.join(ROOT, 'test/fixtures/plain-mini-program/miniprogram/pages/index', `index.${ext}`),
    'utf8',
  )

test('gives the two commands', () => {
  expect(readme).toContain('npm ci && npm start')
  expect(readme).toContain('npm test')
})

test('gives mini program teams three commands and one tag, before anything else', () => {
  // Prepare
  const section = readme.indexOf('## Add OCR to your mini program')
  const firstOther = readme.indexOf('\n## ')
  // Act
  const text = readme.slice(section, readme.indexOf('\n## ', section + 1))
  const pageJson = /```json\n([^`]+)```/.exec(text)?.[1] ?? 'null'
  // Assess
  expect(section).toBe(firstOther + 1)
  for (const step of [
    'npm install wx-ocr-printed-text',
    'npx wx-ocr-printed-text init',
    '工具 → 构建 npm',
  ]) {
    expect(text).toContain(step)
  }
  // The page test/package/mini-program-app.test.ts builds and compiles, as the README shows it.
  expect(JSON.parse(pageJson)).toEqual(JSON.parse(fixturePage('json')))
  expect(text).toContain(
    fixturePage('wxml')
      .split('\n')
      .find((line) => line.includes('<ocr-photo')),
  )
  expect(text).toContain(fixturePage('js'))
})

test(`names only commands that ${PROGRAM} has`, () => {
  // Prepare
  const commands = [...MAIN_HELP.matchAll(/^ {2}([a-z]+)\b/gm)].map(([, name]) => name)
  // Act
  const named = [...readme.matchAll(new RegExp(`npx ${PROGRAM} ([a-z-]+)`, 'g'))].map(
    ([, name]) => name,
  )
  // Assess
  expect(commands).toEqual(['init', 'deploy', 'help'])
  expect(new Set(named)).toEqual(new Set(['init', 'deploy']))
})

test.each(ERROR_CODES)('lists %s with its retry flag', (code) => {
  const row = readme.split('\n').find((line) => line.startsWith(`| \`${code}\` |`))
  expect(row).toBeDefined()
  expect(row).toContain(ERROR_CATALOG[code].retryable ? '| yes |' : '| no |')
})
