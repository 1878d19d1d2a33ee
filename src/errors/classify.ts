// Maps an incoming error to a catalog code. Nothing here names a code: the evidence each code claims, and
// the order in which it is read, are in the catalog (see IncomingEvidence there).
import { ERROR_CATALOG, ERROR_CODES, type CatalogEntry, type ErrorCode } from './catalog'
import type { IncomingError } from './incoming'

/** The facts the classifier reads; kept under its published name. */
export type PlatformErrorFacts = IncomingError

type Claim = (error: IncomingError) => boolean

const ENTRIES = ERROR_CODES.map((code) => {
  const entry: CatalogEntry = ERROR_CATALOG[code]
  return { code, evidence: entry.incoming ?? {} }
})

/** A phrase of errmsg as a whole-word, case-insensitive pattern. */
function phrasePattern(phrase: string): RegExp {
  const literal = phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  return new RegExp(`(?<!\\w)${literal}(?!\\w)`, 'i')
}

function saysAny(phrases: readonly string[] | undefined): Claim {
  const patterns = (phrases ?? []).map(phrasePattern)
  return (error) => patterns.some((pattern) => pattern.test(error.errMsg))
}

/** The four steps of IncomingEvidence, in the catalog's order of precedence. */
const STEPS: ReadonlyArray<ReadonlyArray<{ code: ErrorCode; claims: Claim }>> = [
  ENTRIES.map(({ code, evidence }) => ({ code, claims: saysAny(evidence.decisiveErrMsgs) })),
  ENTRIES.map(({ code, evidence }) => ({
    code,
    claims: (error: IncomingError) =>
      error.socketCode !== undefined && (evidence.socketCodes ?? []).includes(error.socketCode),
  })),
  ENTRIES.map(({ code, evidence }) => ({ code, claims: saysAny(evidence.errMsgs) })),
  ENTRIES.map(({ code, evidence }) => ({
    code,
    claims: (error: IncomingError) =>
      error.errCode !== undefined && (evidence.errCodes ?? []).includes(error.errCode),
  })),
]

/**
 * The catalog code an incoming error stands for. `unclaimed` is what an error no entry claims becomes:
 * UPSTREAM_ERROR, unless the reader knows what kind of failure it holds.
 */
export function classifyPlatformError(
  error: IncomingError,
  unclaimed: ErrorCode = 'UPSTREAM_ERROR',
): ErrorCode {
  for (const step of STEPS) {
    const claimed = step.find(({ claims }) => claims(error))
    if (claimed !== undefined) return claimed.code
  }
  return unclaimed
}
