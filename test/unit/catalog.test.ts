// What the catalog's types cannot say: the texts a person reads, which codes the retry policy may repeat,
// and that a failure built for a code carries that code's entry. The lists come from the catalog itself,
// so a new code is checked without touching this file.
import {
  ERROR_CATALOG,
  ERROR_CODES,
  type CatalogEntry,
  type ErrorCode,
} from '../../src/errors/catalog'
import { failure } from '../../src/errors/failure'

const claimsEvidence = (code: ErrorCode): boolean => {
  const evidence = (ERROR_CATALOG[code] as CatalogEntry).incoming ?? {}
  return Object.values(evidence).some((list: readonly unknown[]) => list.length > 0)
}

describe.each(ERROR_CODES)('catalog entry %s', (code) => {
  const entry = ERROR_CATALOG[code]

  it('has an English sentence for developers, a Chinese one for users and a hint', () => {
    expect(entry.message).toMatch(/^[A-Z].{10,}\.$/)
    expect(entry.userMessage).toMatch(/[\u4e00-\u9fff]/)
    expect(entry.userMessage).not.toMatch(/[A-Za-z]{4,}/)
    expect(entry.hint.length).toBeGreaterThan(15)
  })

  it("builds failures with the entry's flag, user message and hint, whatever the call site adds", () => {
    const reply = failure(code, { message: 'more specific', errCode: 7, requestId: 'r' })
    expect(reply).toEqual({
      ok: false,
      error: {
        code,
        errCode: 7,
        message: 'more specific',
        userMessage: entry.userMessage,
        retryable: entry.retryable,
        hint: entry.hint,
        requestId: 'r',
      },
    })
    expect(failure(code).error).toEqual({
      code,
      message: entry.message,
      userMessage: entry.userMessage,
      retryable: entry.retryable,
      hint: entry.hint,
    })
  })
})

/**
 * Retryable codes no incoming error makes: the guard answers them before any platform call (the store
 * could not check the budget), so the retry policy never sees them; the caller retries later.
 */
const ANSWERED_BEFORE_ANY_CALL: readonly ErrorCode[] = ['BUDGET_UNCHECKED']

describe('catalog policy', () => {
  it('retries only transient platform failures', () => {
    const retryable = ERROR_CODES.filter((code) => ERROR_CATALOG[code].retryable)
    expect(retryable.sort()).toEqual([
      ...ANSWERED_BEFORE_ANY_CALL,
      'NETWORK_ERROR',
      'SYSTEM_BUSY',
      'TIMEOUT',
    ])
  })

  it('lets an incoming error reach every retryable code: a retry nothing can trigger is dead', () => {
    const unreachable = ERROR_CODES.filter(
      (code) =>
        ERROR_CATALOG[code].retryable &&
        !claimsEvidence(code) &&
        !ANSWERED_BEFORE_ANY_CALL.includes(code),
    )
    expect(unreachable).toEqual([])
  })

  it("marks the guard's own transient refusals platform failures, for the caller to retry", () => {
    for (const code of ANSWERED_BEFORE_ANY_CALL) {
      expect(ERROR_CATALOG[code]).toMatchObject({ retryable: true, source: 'platform' })
      expect(claimsEvidence(code)).toBe(false)
    }
  })

  it('names config.json, the DevTools upload and the 10-minute cache for -604101', () => {
    expect(ERROR_CATALOG.PERMISSION_MISSING.hint).toMatch(/config\.json/)
    expect(ERROR_CATALOG.PERMISSION_MISSING.hint).toMatch(/DevTools/)
    expect(ERROR_CATALOG.PERMISSION_MISSING.hint).toMatch(/10 minutes/)
  })
})
