// The function's environment: one schema, defaults for unset or blank variables, and for a variable that is
// set but unusable the default with a warning that names it, its value and the default, said once per
// container by the deployed function.
import { spawnSync } from 'node:child_process'
import path from 'node:path'

import { handlerConfigOf } from '../../src/function/config'
import { DEFAULT_TRUSTED_SOURCES } from '../../src/source/file-access'
import { FunctionEnvSchema, readFunctionEnv, type FunctionEnv } from '../../src/function/env'
import { DEFAULT_UPLOAD_PREFIX } from '../../src/parse/upload-prefix'
import { DEFAULT_RETRY_POLICY } from '../../src/retry/policy'
import { BUILT_FUNCTION_DIR } from '../support/function-scratch'
import { LOOPBACK_ONLY_NODE_OPTIONS } from '../support/child-guard'

type Variable = keyof FunctionEnv
const configFromEnv = (env: NodeJS.ProcessEnv) => handlerConfigOf(readFunctionEnv(env).settings)
const DEFAULTS = readFunctionEnv({}).settings

/** One unusable value per variable, and the default its warning must name. */
const BAD_VALUES: ReadonlyArray<readonly [Variable, string, string]> = [
  ['OCR_UPLOAD_PREFIX', 'uploads/', DEFAULT_UPLOAD_PREFIX],
  ['OCR_TRUSTED_SOURCES', 'scf;console', 'scf'],
  ['OCR_RETRY_BUDGET_MS', '0', String(DEFAULT_RETRY_POLICY.budgetMs)],
  ['OCR_RETRY_MAX_ATTEMPTS', 'many', '3'],
  ['OCR_ATTEMPT_TIMEOUT_MS', '-500', 'the retry budget'],
  ['OCR_CACHE_TTL_SECONDS', '1 week', '604800'],
  ['OCR_URL_CACHE_TTL_SECONDS', '2.5', '0 (URLs not cached)'],
  ['OCR_USER_DAILY_LIMIT', 'ten', '20'],
  ['OCR_DAILY_BUDGET', '-1', '100'],
  ['OCR_BUDGET_UNCHECKED', 'yes', 'refuse'],
  ['OCR_CACHE_COLLECTION', 'ocr cache', 'ocr_cache'],
  ['OCR_COUNTER_COLLECTION', 'ocr/counters', 'ocr_counters'],
]

describe('readFunctionEnv', () => {
  it('uses the defaults, silently, for an empty environment', () => {
    expect(readFunctionEnv({}).warnings).toEqual([])
    expect(configFromEnv({})).toEqual({
      uploadPrefix: DEFAULT_UPLOAD_PREFIX,
      trustedSources: ['scf'],
      // One attempt may use the whole budget: see config.ts.
      retryPolicy: { ...DEFAULT_RETRY_POLICY, attemptTimeoutMs: DEFAULT_RETRY_POLICY.budgetMs },
    })
  })

  it('has a bad-value case for every variable it reads', () => {
    const covered = BAD_VALUES.map(([name]) => name).sort()
    expect(covered).toEqual(Object.keys(FunctionEnvSchema.shape).sort())
  })

  it.each(BAD_VALUES)('falls back from %s="%s" to %s, and says so', (name, value, shown) => {
    const { settings, warnings } = readFunctionEnv({ [name]: value, UNRELATED: 'x' })
    expect(warnings).toEqual([expect.stringContaining(`${name}="${value}"`)])
    expect(warnings[0]).toMatch(new RegExp(`; using ${shown.replace(/[()]/g, '\\$&')}$`))
    expect(settings).toEqual(DEFAULTS)
  })

  it('keeps the usable values when another one is unusable', () => {
    const { settings, warnings } = readFunctionEnv({
      OCR_DAILY_BUDGET: 'lots',
      OCR_USER_DAILY_LIMIT: '5',
    })
    expect(warnings).toHaveLength(1)
    expect(settings).toEqual({ ...DEFAULTS, OCR_USER_DAILY_LIMIT: 5 })
  })

  it.each(BAD_VALUES)('reads a blank %s as unset, without a warning', (name) => {
    expect(readFunctionEnv({ [name]: '  ' })).toEqual({ settings: DEFAULTS, warnings: [] })
  })

  it.each([
    ['an absolute folder', '/ocr/{OPENID}/'],
    ['a climb out', 'ocr/../{OPENID}/'],
    ['no closing slash', 'ocr/{OPENID}'],
    ['an empty folder', 'ocr//{OPENID}/'],
  ])('refuses an upload prefix with %s', (_label, value) => {
    expect(readFunctionEnv({ OCR_UPLOAD_PREFIX: value }).warnings).toHaveLength(1)
  })

  it.each([
    ['a line break inside', 'ocr/{OPENID}/\nx/'],
    ['a trailing line break', 'ocr/{OPENID}/\n'],
    ['a carriage return', 'ocr/\r{OPENID}/'],
    ['a tab', 'ocr\t/{OPENID}/'],
    ['a NUL', 'ocr/{OPENID}\u0000/'],
    ['an escape', 'ocr/\u001b[31m{OPENID}/'],
    ['a DEL', 'ocr/{OPENID}\u007f/'],
  ])('refuses an upload prefix with %s, with the one warning', (_label, value) => {
    // Act
    const { settings, warnings } = readFunctionEnv({ OCR_UPLOAD_PREFIX: value })
    // Assess
    expect(warnings).toEqual([expect.stringMatching(/^OCR_UPLOAD_PREFIX=.*; using ocr-uploads/s)])
    expect(settings.OCR_UPLOAD_PREFIX).toBe(DEFAULT_UPLOAD_PREFIX)
  })

  const NUMBER_VARIABLES = (Object.keys(FunctionEnvSchema.shape) as Variable[]).filter(
    (name) => typeof DEFAULTS[name] === 'number',
  )

  it('reads seven variables as numbers', () => {
    expect(NUMBER_VARIABLES).toHaveLength(7)
  })

  describe.each(NUMBER_VARIABLES)('%s is read as decimal digits only', (name) => {
    it.each(['0x10', '1e3', ' 12', '12 ', '12.5', '+5', '12.0', '0b11', '1_000', '٣'])(
      '"%s" is unusable: the default, with a warning',
      (value) => {
        // Act
        const { settings, warnings } = readFunctionEnv({ [name]: value })
        // Assess
        expect(warnings).toEqual([
          expect.stringContaining(`${name}="${value}" is not a whole number`),
        ])
        expect(settings).toEqual(DEFAULTS)
      },
    )

    it('"16" is 16, without a warning', () => {
      expect(readFunctionEnv({ [name]: '16' })).toEqual({
        settings: { ...DEFAULTS, [name]: 16 },
        warnings: [],
      })
    })
  })

  it('reads the trusted sources as a comma-separated list', () => {
    const { trustedSources } = configFromEnv({ OCR_TRUSTED_SOURCES: ' scf, my_console ,' })
    expect(trustedSources).toEqual(['scf', 'my_console'])
    expect(configFromEnv({ OCR_TRUSTED_SOURCES: ' ' }).trustedSources).toBe(DEFAULT_TRUSTED_SOURCES)
  })

  it('reads the prefix and retry settings, and caps an attempt at the budget', () => {
    const config = configFromEnv({
      OCR_UPLOAD_PREFIX: ' users/{OPENID}/ocr/ ',
      OCR_RETRY_BUDGET_MS: '1500',
      OCR_ATTEMPT_TIMEOUT_MS: '500',
      OCR_RETRY_MAX_ATTEMPTS: '5',
    })
    expect(config.uploadPrefix).toBe('users/{OPENID}/ocr/')
    expect(config.retryPolicy).toMatchObject({
      budgetMs: 1500,
      attemptTimeoutMs: 500,
      maxAttempts: 5,
    })
    expect(configFromEnv({ OCR_RETRY_BUDGET_MS: '100' }).retryPolicy.attemptTimeoutMs).toBe(100)
  })
})

describe('the deployed function', () => {
  it('says each unusable setting once per container, however many calls it serves', () => {
    // Prepare: a container with two unusable settings, serving three calls.
    const bad = { OCR_DAILY_BUDGET: 'lots', OCR_UPLOAD_PREFIX: '/x/' }
    const script = `const f = require(${JSON.stringify(path.join(BUILT_FUNCTION_DIR, 'index.js'))});
      (async () => { for (let i = 0; i < 3; i++) await f.main({}) })()`
    // Act
    const run = spawnSync(process.execPath, ['-e', script], {
      env: { ...process.env, ...bad, NODE_OPTIONS: LOOPBACK_ONLY_NODE_OPTIONS },
      encoding: 'utf8',
      timeout: 30_000,
    })
    // Assess
    expect(run.status).toBe(0)
    const lines = run.stderr.split('\n').filter((line) => line.includes('ocrPrintedText config'))
    expect(lines.map((line) => JSON.parse(line) as unknown)).toEqual([
      {
        level: 'warn',
        msg: 'ocrPrintedText config',
        warning: `OCR_UPLOAD_PREFIX="/x/" is not a relative folder ending in "/" that contains {OPENID}; using ${DEFAULT_UPLOAD_PREFIX}`,
      },
      {
        level: 'warn',
        msg: 'ocrPrintedText config',
        warning: 'OCR_DAILY_BUDGET="lots" is not a whole number >= 0; using 100',
      },
    ])
    expect(run.stdout.match(/"outcome":"INVALID_REQUEST"/g)).toHaveLength(3)
  })
})
