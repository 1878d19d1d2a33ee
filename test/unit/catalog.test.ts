import { ERROR_CATALOG, ERROR_CODES } from '../../src/errors/catalog'
import { failure } from '../../src/errors/failure'
import { OcrFailureSchema } from '../../src/reply/schema'

// The list comes from the catalog itself, so a new code cannot skip its messages, hint or flag.
describe.each(ERROR_CODES)('catalog entry %s', (code) => {
  const entry = ERROR_CATALOG[code]

  it('has an English message, a Chinese user message and a hint', () => {
    expect(entry.message).toMatch(/^[A-Z].{10,}\.$/)
    expect(entry.userMessage).toMatch(/[\u4e00-\u9fff]/)
    expect(entry.hint.length).toBeGreaterThan(15)
  })

  it('builds a failure that passes the reply schema', () => {
    const reply = failure(code, { errCode: 1, requestId: 'r' })
    expect(OcrFailureSchema.parse(reply)).toEqual(reply)
    expect(reply.error).toMatchObject({ code, retryable: entry.retryable, hint: entry.hint })
  })
})

describe('catalog policy', () => {
  it('retries only transient platform failures', () => {
    const retryable = ERROR_CODES.filter((code) => ERROR_CATALOG[code].retryable)
    expect(retryable.sort()).toEqual(['NETWORK_ERROR', 'SYSTEM_BUSY', 'TIMEOUT'])
  })

  it('names config.json, the DevTools upload and the 10-minute cache for -604101', () => {
    expect(ERROR_CATALOG.PERMISSION_MISSING.hint).toMatch(/config\.json/)
    expect(ERROR_CATALOG.PERMISSION_MISSING.hint).toMatch(/DevTools/)
    expect(ERROR_CATALOG.PERMISSION_MISSING.hint).toMatch(/10 minutes/)
  })
})
