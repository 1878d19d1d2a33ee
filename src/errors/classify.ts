// Maps what the platform says (a numeric code, its message, or a Node socket error code) to a catalog code.
// Codes are overloaded in the wild (users saw "not enough market quota" under 101002), so the message is
// read too.
import type { ErrorCode } from './catalog'

const BY_ERRCODE: ReadonlyMap<number, ErrorCode> = new Map<number, ErrorCode>([
  [-1, 'SYSTEM_BUSY'],
  [40001, 'ACCESS_TOKEN_INVALID'],
  [42001, 'ACCESS_TOKEN_INVALID'],
  [40014, 'ACCESS_TOKEN_INVALID'],
  [41005, 'MEDIA_MISSING'],
  [45009, 'QUOTA_EXHAUSTED'],
  [48001, 'API_UNAUTHORIZED'],
  [101000, 'INVALID_IMAGE_URL'],
  [101001, 'NO_TEXT_FOUND'],
  [101002, 'IMAGE_DECODE_FAILED'],
  [101003, 'QUOTA_EXHAUSTED'],
  [-604101, 'PERMISSION_MISSING'],
  // The gateway's own timeouts: "call open API timeout", "resource server timeout".
  [-604102, 'TIMEOUT'],
  [-501002, 'TIMEOUT'],
])

/** Socket-level failures, as Node and @cloudbase/node-sdk name them (the SDK wraps them as errCode -1). */
const TIMEOUT_SOCKET_CODES = new Set(['ETIMEDOUT', 'ESOCKETTIMEDOUT'])
const NETWORK_SOCKET_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ECONNABORTED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
])

const QUOTA_TEXT = /not enough market quota/i
// The SDK folds socket failures into its message (a refused gateway arrives as -501001 "resource system
// error. connect ECONNREFUSED ..."), so the text is read for them too.
const TIMEOUT_TEXT = /\b(ETIMEDOUT|ESOCKETTIMEDOUT)\b|request timeout|connect timeout/i
const NETWORK_TEXT = /\b(ECONNRESET|ECONNREFUSED|EPIPE|ECONNABORTED)\b|socket hang up/i

export interface PlatformErrorFacts {
  errCode: number | undefined
  errMsg: string
  /** A Node error code (ECONNRESET...) when the failure happened on the socket. */
  socketCode: string | undefined
}

export function classifyPlatformError(facts: PlatformErrorFacts): ErrorCode {
  if (QUOTA_TEXT.test(facts.errMsg)) return 'QUOTA_EXHAUSTED'
  if (facts.socketCode !== undefined) {
    if (TIMEOUT_SOCKET_CODES.has(facts.socketCode)) return 'TIMEOUT'
    if (NETWORK_SOCKET_CODES.has(facts.socketCode)) return 'NETWORK_ERROR'
  }
  if (TIMEOUT_TEXT.test(facts.errMsg)) return 'TIMEOUT'
  if (NETWORK_TEXT.test(facts.errMsg)) return 'NETWORK_ERROR'
  if (facts.errCode === undefined) return 'UPSTREAM_ERROR'
  return BY_ERRCODE.get(facts.errCode) ?? 'UPSTREAM_ERROR'
}
