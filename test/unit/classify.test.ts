// Parity between the catalog and the classifier: every errcode, errmsg phrase and socket code an entry lists
// classifies to that entry, even when another entry's evidence comes along with it, in the order of
// precedence the catalog states; and no piece of evidence is claimed twice. The lists come from the
// catalog, so a new code or a new errcode is checked without touching this file.
import {
  ERROR_CATALOG,
  ERROR_CODES,
  type CatalogEntry,
  type ErrorCode,
  type IncomingEvidence,
} from '../../src/errors/catalog'
import { classifyPlatformError } from '../../src/errors/classify'
import type { IncomingError } from '../../src/errors/incoming'

const evidenceOf = (code: ErrorCode): IncomingEvidence =>
  (ERROR_CATALOG[code] as CatalogEntry).incoming ?? {}

type Kind = keyof IncomingEvidence
/** Precedence, strongest first, as the catalog states it. */
const ORDER: readonly Kind[] = ['decisiveErrMsgs', 'socketCodes', 'errMsgs', 'errCodes']

const claimsOf = (kind: Kind) =>
  ERROR_CODES.flatMap((code) =>
    (evidenceOf(code)[kind] ?? []).map((value: string | number) => [code, value] as const),
  )

const NOTHING: IncomingError = { errCode: undefined, errMsg: '', socketCode: undefined }
/** How a piece of evidence arrives: a phrase inside the SDK's message, a code as it is. */
function carrying(kind: Kind, value: string | number): Partial<IncomingError> {
  if (kind === 'errCodes') return { errCode: Number(value) }
  if (kind === 'socketCodes') return { socketCode: String(value) }
  return { errMsg: `openapi.ocr.printedText:fail ${String(value)} rid: 5f3a-01` }
}

/** Evidence of the weaker kinds claimed by other entries than `code`: what must not win against it. */
function weakerRivals(code: ErrorCode, kind: Kind): Partial<IncomingError> {
  const rival: Partial<IncomingError> = {}
  for (const weaker of ORDER.slice(ORDER.indexOf(kind) + 1)) {
    const other = claimsOf(weaker).find(([owner]) => owner !== code)
    if (other !== undefined) Object.assign(rival, carrying(weaker, other[1]))
  }
  return rival
}

describe('the classifier derives from the catalog', () => {
  it('has evidence of every kind to check', () => {
    for (const kind of ORDER) expect(claimsOf(kind).length).toBeGreaterThan(0)
  })

  describe.each(ORDER)('%s', (kind) => {
    const claims = claimsOf(kind)

    it.each(claims)('%s claims %p', (code, value) => {
      expect(classifyPlatformError({ ...NOTHING, ...carrying(kind, value) })).toBe(code)
    })

    // The weakest kind (errcodes) has nothing weaker to beat.
    if (kind !== ORDER.at(-1))
      it.each(claims)('%s keeps %p against weaker evidence of other codes', (code, value) => {
        const error = { ...NOTHING, ...weakerRivals(code, kind), ...carrying(kind, value) }
        expect(classifyPlatformError(error)).toBe(code)
      })

    it('lets no two entries claim the same evidence', () => {
      const values = claims.map(([, value]) =>
        typeof value === 'string' ? value.toLowerCase() : value,
      )
      expect(values.filter((value, index) => values.indexOf(value) !== index)).toEqual([])
    })
  })

  it('lets no phrase be decisive for one entry and ordinary for another', () => {
    const decisive = claimsOf('decisiveErrMsgs').map(([, phrase]) => String(phrase).toLowerCase())
    const ordinary = claimsOf('errMsgs').map(([, phrase]) => String(phrase).toLowerCase())
    expect(decisive.filter((phrase) => ordinary.includes(phrase))).toEqual([])
  })

  it('reads phrases in any case, but only as whole words', () => {
    expect(classifyPlatformError({ ...NOTHING, errMsg: 'NOT ENOUGH MARKET QUOTA' })).toBe(
      'QUOTA_EXHAUSTED',
    )
    expect(classifyPlatformError({ ...NOTHING, errMsg: 'read ESOCKETTIMEDOUT' })).toBe('TIMEOUT')
    expect(classifyPlatformError({ ...NOTHING, errMsg: 'XECONNRESETX' })).toBe('UPSTREAM_ERROR')
  })

  it('answers UPSTREAM_ERROR, or the reader’s own default, for evidence nobody claims', () => {
    const unknown = { errCode: 61234, errMsg: 'something new', socketCode: 'EWHATEVER' }
    expect(classifyPlatformError(unknown)).toBe('UPSTREAM_ERROR')
    expect(classifyPlatformError(unknown, 'ACCESS_TOKEN_INVALID')).toBe('ACCESS_TOKEN_INVALID')
    expect(classifyPlatformError({ ...unknown, errCode: 45009 }, 'ACCESS_TOKEN_INVALID')).toBe(
      'QUOTA_EXHAUSTED',
    )
  })

  it('reads "not enough market quota" as QUOTA_EXHAUSTED whatever the errcode and socket say', () => {
    const error = { errCode: 101002, errMsg: 'not enough market quota', socketCode: 'ECONNRESET' }
    expect(classifyPlatformError(error)).toBe('QUOTA_EXHAUSTED')
  })
})
