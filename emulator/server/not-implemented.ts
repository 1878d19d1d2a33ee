// What a route the local cloud does not have answers: loud, naming the route, and never a code any client
// retries (errcode -1 reads as "system busy" to every WeChat client). Azurite does the same for the parts of
// Azure Storage it does not emulate. The body carries both shapes clients read: `errcode`/`errmsg` (the
// HTTPS API) and `code`/`message` (the gateway wire, which wx-server-sdk reads).
import { newRid } from '../ocr-service/wechat-errors'

/** Not a WeChat errcode: a number no catalog maps, so clients report it as an unexpected, final error. */
export const NOT_IMPLEMENTED_ERRCODE = 501

export interface NotImplementedReply {
  errcode: typeof NOT_IMPLEMENTED_ERRCODE
  errmsg: string
  code: 'NOT_IMPLEMENTED'
  message: string
}

export function notImplementedReply(method: string, pathname: string): NotImplementedReply {
  const text = `${method} ${pathname.slice(0, 200)} is not implemented by the local cloud (see emulator/README.md for its routes)`
  return {
    errcode: NOT_IMPLEMENTED_ERRCODE,
    errmsg: `${text} rid: ${newRid()}`,
    code: 'NOT_IMPLEMENTED',
    message: text,
  }
}
