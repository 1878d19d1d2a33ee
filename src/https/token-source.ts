// Where a call's access_token comes from: the client's own cache over stable_token, or the caller's
// getAccessToken (a third party's authorizer_access_token, or a token service the caller already runs).
// Both answer results, never throw, and both remember each token so it can be masked wherever it appears.
import { failure } from '../errors/failure'
import { readIncomingError } from '../errors/incoming'
import { incomingFailure } from '../errors/incoming-failure'
import type { SecretBook } from './secret-book'
import { fetchStableToken, type StableTokenDeps } from './stable-token'
import { TokenCache, type TokenResult } from './token-cache'

export interface TokenSource {
  /** Which route the tokens come from, for log lines. */
  readonly via: 'stable_token' | 'getAccessToken'
  get(): Promise<TokenResult>
  /** The platform refused this token: the next get() must not hand it out again. */
  invalidate(token: string): void
}

export type TokenEvent = (via: TokenSource['via'], outcome: string, durationMs: number) => void

export function stableTokenSource(
  deps: Omit<StableTokenDeps, 'redact'>,
  secrets: SecretBook,
  now: () => number,
  onFetched: TokenEvent,
): TokenSource {
  const cache = new TokenCache(async () => {
    const started = now()
    const fetched = await fetchStableToken({ ...deps, redact: (text) => secrets.redact(text) })
    if (fetched.ok) secrets.remember(fetched.token)
    onFetched('stable_token', fetched.ok ? 'ok' : fetched.error.code, now() - started)
    return fetched
  }, now)
  return {
    via: 'stable_token',
    get: () => cache.get(),
    invalidate: (token) => cache.invalidate(token),
  }
}

/**
 * The caller owns caching and renewal; the client asks again after a refusal (once per recognize), which
 * is the caller's cue to renew. A rejection keeps its platform code or socket code when it carries one.
 */
export function callerTokenSource(
  getAccessToken: () => Promise<string>,
  secrets: SecretBook,
  now: () => number,
  onFetched: TokenEvent,
): TokenSource {
  const get = async (): Promise<TokenResult> => {
    const started = now()
    let result: TokenResult
    try {
      const token: unknown = await getAccessToken()
      if (typeof token === 'string' && token !== '') {
        secrets.remember(token)
        result = { ok: true, token }
      } else {
        result = failure('ACCESS_TOKEN_INVALID', {
          message: 'getAccessToken() resolved to no token (not a non-empty string).',
        })
      }
    } catch (thrown) {
      // What the catalog does not claim is still a token that could not be had.
      result = incomingFailure(readIncomingError(thrown), {
        lead: 'getAccessToken() rejected',
        unclaimed: 'ACCESS_TOKEN_INVALID',
        redact: (text) => secrets.redact(text),
      })
    }
    onFetched('getAccessToken', result.ok ? 'ok' : result.error.code, now() - started)
    return result
  }
  return { via: 'getAccessToken', get, invalidate: () => undefined }
}
