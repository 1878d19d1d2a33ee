// Where this user's uploads must go. Only the function knows the caller's OPENID, so the mini program asks
// it once and keeps the answer in storage; the key carries the env so a switch of env asks again.
import { classifyCloudFailure } from './cloud-failures'
import { isOcrReply, isUploadPrefixReply } from './reply-guard'
import { FlowError, fromOcrError, localError } from './shown-error'
import type { WxPort } from './wx-port'

export function uploadPrefixKey(env: string): string {
  return `ocrPrintedText.uploadPrefix:${env}`
}

/** A relative folder: never absolute, never climbing out, always ending in a slash. */
export function isUsablePrefix(value: unknown): value is string {
  if (typeof value !== 'string' || value === '' || !value.endsWith('/') || value.startsWith('/')) {
    return false
  }
  return value
    .slice(0, -1)
    .split('/')
    .every((segment) => segment !== '' && segment !== '.' && segment !== '..')
}

export async function getUploadPrefix(
  wx: WxPort,
  functionName: string,
  env: string,
): Promise<string> {
  const cached = wx.getStorageSync(uploadPrefixKey(env))
  if (isUsablePrefix(cached)) return cached
  let result: unknown
  try {
    ;({ result } = await wx.cloud.callFunction({
      name: functionName,
      data: { action: 'uploadPrefix' },
    }))
  } catch (error) {
    throw new FlowError(classifyCloudFailure(error, 'CALL_FAILED'))
  }
  if (isUploadPrefixReply(result) && isUsablePrefix(result.uploadPrefix)) {
    wx.setStorageSync(uploadPrefixKey(env), result.uploadPrefix)
    return result.uploadPrefix
  }
  if (isOcrReply(result) && !result.ok) throw new FlowError(fromOcrError(result.error))
  throw new FlowError(localError('BAD_REPLY', `uploadPrefix answered ${JSON.stringify(result)}`))
}

/** After FILE_FORBIDDEN the cached prefix is suspect (the function's prefix setting changed). */
export function forgetUploadPrefix(wx: WxPort, env: string): void {
  wx.removeStorageSync(uploadPrefixKey(env))
}
