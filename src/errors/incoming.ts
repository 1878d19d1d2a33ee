// The one reader of an incoming error: whatever was thrown or answered (the SDK's CloudSDKError with own
// keys errCode/errMsg, the HTTPS API's snake_case body, a Node or undici socket error with its code on
// itself or on `cause`, a caller's rejection that is not even an Error) becomes the three facts the
// catalog classifies on.
import { isBag, pick, type Bag } from '../normalize/platform-keys'

export interface IncomingError {
  /** The platform's numeric code (errCode or errcode; a numeric string counts). */
  errCode: number | undefined
  /** The platform's message, else the Error's message (with its cause's), else the value as text. */
  errMsg: string
  /** A Node, undici or SDK error code (ECONNRESET, UND_ERR_SOCKET...), on the error or its cause. */
  socketCode: string | undefined
}

function errCodeOf(bag: Bag): number | undefined {
  const code = pick(bag, 'errCode', 'errcode')
  if (typeof code === 'number') return code
  if (typeof code === 'string' && /^-?\d+$/.test(code)) return Number(code)
  return undefined
}

function errMsgOf(bag: Bag): string {
  const msg = pick(bag, 'errMsg', 'errmsg')
  if (typeof msg === 'string') return msg
  if (!(bag instanceof Error)) return ''
  // undici's "fetch failed" says nothing; what failed is on its cause.
  return bag.cause instanceof Error ? `${bag.message} (${bag.cause.message})` : bag.message
}

function socketCodeOf(bag: Bag): string | undefined {
  for (const candidate of [bag, bag.cause]) {
    if (isBag(candidate) && typeof candidate.code === 'string') return candidate.code
  }
  return undefined
}

export function readIncomingError(value: unknown): IncomingError {
  if (!isBag(value)) return { errCode: undefined, errMsg: String(value), socketCode: undefined }
  return { errCode: errCodeOf(value), errMsg: errMsgOf(value), socketCode: socketCodeOf(value) }
}
