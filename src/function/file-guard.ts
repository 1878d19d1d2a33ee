// The confused-deputy guard: the function can read every file in its env, a mini program user must only
// make it read their own uploads. Calls without an OPENID (console, other functions) are trusted.
import { FILE_ID_PATTERN } from '../request/event-schema'
import { failure } from '../errors/failure'
import type { OcrFailure } from '../reply/schema'
import type { WxContext } from './cloud-port'

export function guardFileAccess(
  fileID: string,
  caller: WxContext,
  uploadPrefix: string,
): { ok: true } | OcrFailure {
  const match = FILE_ID_PATTERN.exec(fileID)
  const [, env, , path] = match ?? []
  if (env === undefined || path === undefined) {
    return failure('INVALID_REQUEST', {
      message: `Invalid request: fileID ${fileID} is malformed.`,
    })
  }
  if (caller.ENV !== undefined && env !== caller.ENV) {
    return failure('FILE_FORBIDDEN', {
      message: `The file belongs to env ${env}, not to this function's env ${caller.ENV}.`,
    })
  }
  if (caller.OPENID === undefined) return { ok: true }
  const prefix = uploadPrefix.replace('{OPENID}', caller.OPENID)
  const segments = path.split('/')
  const escapes = segments.some((s) => s === '..' || s === '.' || s === '')
  if (escapes || !path.startsWith(prefix)) {
    return failure('FILE_FORBIDDEN', {
      message: `The file ${path} is not under the caller's upload prefix ${prefix}.`,
    })
  }
  return { ok: true }
}
