import {
  configFromEnv,
  DEFAULT_TRUSTED_SOURCES,
  DEFAULT_UPLOAD_PREFIX,
} from '../../src/function/config'
import { DEFAULT_RETRY_POLICY } from '../../src/retry/policy'

describe('configFromEnv', () => {
  it('uses the defaults for an empty environment', () => {
    expect(configFromEnv({})).toEqual({
      uploadPrefix: DEFAULT_UPLOAD_PREFIX,
      trustedSources: ['scf'],
      // One attempt may use the whole budget: see config.ts.
      retryPolicy: { ...DEFAULT_RETRY_POLICY, attemptTimeoutMs: DEFAULT_RETRY_POLICY.budgetMs },
    })
  })

  it('reads the trusted sources as a comma-separated list; blank means the default', () => {
    expect(configFromEnv({ OCR_TRUSTED_SOURCES: ' scf, my_console ,' }).trustedSources).toEqual([
      'scf',
      'my_console',
    ])
    expect(configFromEnv({ OCR_TRUSTED_SOURCES: ' ' }).trustedSources).toBe(DEFAULT_TRUSTED_SOURCES)
  })

  it('reads the prefix and retry settings', () => {
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
  })

  it('ignores values that are not positive whole numbers, and caps an attempt at the budget', () => {
    const config = configFromEnv({ OCR_RETRY_BUDGET_MS: '-3', OCR_RETRY_MAX_ATTEMPTS: 'many' })
    expect(config.retryPolicy).toEqual(configFromEnv({}).retryPolicy)
    expect(configFromEnv({ OCR_RETRY_BUDGET_MS: '100' }).retryPolicy.attemptTimeoutMs).toBe(100)
  })
})
