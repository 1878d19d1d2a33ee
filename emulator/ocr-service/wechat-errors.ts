// The WeChat errors the emulator can answer, in one catalog, so every route words the same failure the same
// way. The platform appends a request id (" rid: ...") to every errmsg; clients must classify by errcode and
// a stable prefix of the text, never by the whole string, so the emulator does the same to keep them honest.
import { randomBytes } from 'node:crypto'

export const WECHAT_ERRORS = {
  systemBusy: { errcode: -1, errmsg: 'system error' },
  invalidCredential: {
    errcode: 40001,
    errmsg: 'invalid credential, access_token is invalid or not latest',
  },
  invalidGrantType: { errcode: 40002, errmsg: 'invalid grant_type' },
  invalidAppId: { errcode: 40013, errmsg: 'invalid appid' },
  invalidAppSecret: { errcode: 40125, errmsg: 'invalid appsecret' },
  accessTokenMissing: { errcode: 41001, errmsg: 'access_token missing' },
  appIdMissing: { errcode: 41002, errmsg: 'appid missing' },
  appSecretMissing: { errcode: 41004, errmsg: 'appsecret missing' },
  mediaMissing: { errcode: 41005, errmsg: 'media data missing' },
  accessTokenExpired: { errcode: 42001, errmsg: 'access_token expired' },
  dataFormatError: { errcode: 47001, errmsg: 'data format error' },
  dailyQuotaReached: { errcode: 45009, errmsg: 'reach max api daily quota limit' },
  invalidImageUrl: { errcode: 101000, errmsg: 'invalid image url' },
  // The seeds list one text for 101002; the size case gets its own wording so a local user sees which rule
  // fired, and both start with what a classifier may match on.
  decodeFailed: { errcode: 101002, errmsg: 'decode image failed' },
  imageTooLarge: { errcode: 101002, errmsg: 'decode image failed: image size over limit' },
} as const

export type WechatErrorName = keyof typeof WECHAT_ERRORS

/** The JSON body the platform answers for a failed call. */
export interface WechatErrorReply {
  errcode: number
  errmsg: string
}

/** A fresh request id in the platform's shape, e.g. "6718f2a1-5b3c0d9e-4f2a7b61". */
export function newRid(): string {
  const hex = randomBytes(12).toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 16)}-${hex.slice(16, 24)}`
}

export function wechatError(name: WechatErrorName): WechatErrorReply {
  const { errcode, errmsg } = WECHAT_ERRORS[name]
  return { errcode, errmsg: `${errmsg} rid: ${newRid()}` }
}

/** An error with a caller-chosen code and text (injected faults), in the same shape. */
export function customWechatError(errcode: number, errmsg: string): WechatErrorReply {
  return { errcode, errmsg: `${errmsg} rid: ${newRid()}` }
}
