// Where this user's uploads must go. Only the function knows the caller's OPENID, so the mini program asks
// it once per session (per cloud and env) and keeps the answer in memory: a change of the function's
// prefix setting reaches the next session at the latest, and FILE_FORBIDDEN forgets it at once.
import { classifyCloudFailure } from './cloud-failures'
import type { CloudTarget } from './cloud-target'
import { isOcrReply, isUploadPrefixReply } from './reply-shape'
import { FlowError, fromOcrError, localError } from './shown-error'

/** cloud object (wx.cloud or a Cloud instance) -> env key -> prefix. */
const known = new WeakMap<object, Map<string, string>>()

function prefixesOf(target: CloudTarget): Map<string, string> {
  let prefixes = known.get(target.cloud)
  if (prefixes === undefined) {
    prefixes = new Map()
    known.set(target.cloud, prefixes)
  }
  return prefixes
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

export async function getUploadPrefix(target: CloudTarget, functionName: string): Promise<string> {
  const prefixes = prefixesOf(target)
  const cached = prefixes.get(target.envKey)
  if (cached !== undefined) return cached
  let result: unknown
  try {
    ;({ result } = await target.cloud.callFunction({
      name: functionName,
      data: { action: 'uploadPrefix' },
      ...target.config,
    }))
  } catch (error) {
    throw new FlowError(classifyCloudFailure(error, 'CALL_FAILED'))
  }
  if (isUploadPrefixReply(result) && isUsablePrefix(result.uploadPrefix)) {
    prefixes.set(target.envKey, result.uploadPrefix)
    return result.uploadPrefix
  }
  if (isOcrReply(result) && !result.ok) throw new FlowError(fromOcrError(result.error))
  throw new FlowError(localError('BAD_REPLY', `uploadPrefix answered ${JSON.stringify(result)}`))
}

/** After FILE_FORBIDDEN the known prefix is suspect (the function's prefix setting changed). */
export function forgetUploadPrefix(target: CloudTarget): void {
  prefixesOf(target).delete(target.envKey)
}
