// The confused-deputy guard: the function can read every file in its env, a caller must only make it read
// what they may. A mini program user (a call with an OPENID) reads only their own uploads. A call without
// an OPENID may come from the console, another function, or a web or anonymous client that WeChat did not
// identify, so it fails closed: it reads outside the prefix only when every link of its call chain
// (getWXContext().SOURCE) is a trusted source (OCR_TRUSTED_SOURCES).
import { FILE_ID_PATTERN } from '../parse/event-schema'
import { fillUploadPrefix } from '../parse/upload-prefix'
import { failure } from '../errors/failure'
import type { OcrFailure } from '../reply/schema'
import type { WxContext } from '../transport/cloud-port'

export interface FileAccessRule {
  /** Where a mini program user's uploads must lie: a template (parse/upload-prefix.ts). */
  uploadPrefix: string
  /** Call-chain sources whose calls without an OPENID may read any file of the env. */
  trustedSources: readonly string[]
}

/**
 * Calls without an OPENID read outside the upload prefix only from these call chains. Another function
 * of the account (`scf`) is our own code; a web, anonymous or unidentified client (`wx_http`,
 * `wx_unknown`, anything else) is not. The console's test panel sends a SOURCE the platform does not
 * document: add the value its FILE_FORBIDDEN message names to allow it.
 */
export const DEFAULT_TRUSTED_SOURCES: readonly string[] = ['scf']

/** The caller's upload prefix, or undefined for a call without an OPENID (it has no uploads of its own). */
export function prefixFor(
  rule: Pick<FileAccessRule, 'uploadPrefix'>,
  caller: WxContext,
): string | undefined {
  const openid = caller.OPENID
  return openid === undefined ? undefined : fillUploadPrefix(rule.uploadPrefix, openid)
}

/** True when the call chain is known and each of its links is trusted. */
export function isTrustedSource(source: string | undefined, trusted: readonly string[]): boolean {
  if (source === undefined) return false
  const links = source.split(',').map((link) => link.trim())
  return links.every((link) => link !== '' && trusted.includes(link))
}

function escapes(path: string): boolean {
  return path.split('/').some((s) => s === '..' || s === '.' || s === '')
}

export function guardFileAccess(
  fileID: string,
  caller: WxContext,
  rule: FileAccessRule,
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
  const prefix = prefixFor(rule, caller)
  if (prefix === undefined) {
    if (isTrustedSource(caller.SOURCE, rule.trustedSources)) return { ok: true }
    const source = caller.SOURCE === undefined ? 'no SOURCE' : `SOURCE "${caller.SOURCE}"`
    return failure('FILE_FORBIDDEN', {
      message: `This call has no OPENID and ${source}, which is not in OCR_TRUSTED_SOURCES (${rule.trustedSources.join(',')}); it may not read ${path}.`,
    })
  }
  if (escapes(path) || !path.startsWith(prefix)) {
    return failure('FILE_FORBIDDEN', {
      message: `The file ${path} is not under the caller's upload prefix ${prefix}.`,
    })
  }
  return { ok: true }
}
