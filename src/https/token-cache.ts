// The access_token cache: one token shared by every call, renewed shortly before it expires, and one fetch
// in flight however many calls are waiting for it (stable_token is rate-limited, and a stampede of
// concurrent fetches at a cold start or an expiry is exactly what gets an account throttled).
import type { OcrFailure } from '../reply/schema'

export type TokenResult = { ok: true; token: string } | OcrFailure
export type FetchedToken = { ok: true; token: string; expiresInSeconds: number } | OcrFailure

/** Renew this long before the platform's expiry, so no call goes out with a token about to lapse. */
export const TOKEN_REFRESH_MARGIN_MS = 5 * 60 * 1000

/**
 * How long before expiry a token is renewed: the usual margin, but never more than half its lifetime, so
 * a short-lived token (stable_token answers the remaining lifetime, which may be a few seconds) is still
 * used for a while instead of being renewed on every call.
 */
export function refreshMarginMs(lifetimeMs: number): number {
  return Math.max(0, Math.min(TOKEN_REFRESH_MARGIN_MS, Math.floor(lifetimeMs / 2)))
}

interface CachedToken {
  token: string
  renewAt: number
}

export class TokenCache {
  private cached: CachedToken | undefined
  private inflight: Promise<TokenResult> | undefined

  constructor(
    private readonly fetchToken: () => Promise<FetchedToken>,
    private readonly now: () => number,
  ) {}

  /** The cached token while it is fresh; otherwise the one fetch in flight, started if none is. */
  get(): Promise<TokenResult> {
    const cached = this.cached
    if (cached !== undefined && this.now() < cached.renewAt) {
      return Promise.resolve({ ok: true, token: cached.token })
    }
    this.inflight ??= this.fetch().finally(() => {
      this.inflight = undefined
    })
    return this.inflight
  }

  /**
   * Drops the token the platform just refused. Only that token: when fifty calls come back with 40001 for
   * the same token, the first drop starts one fetch and the other drops find a newer token and keep it.
   */
  invalidate(token: string): void {
    if (this.cached?.token === token) this.cached = undefined
  }

  private async fetch(): Promise<TokenResult> {
    // Timed from the request, not the answer: the platform's clock started before ours could.
    const requestedAt = this.now()
    const fetched = await this.fetchToken()
    if (!fetched.ok) return fetched
    const lifetimeMs = fetched.expiresInSeconds * 1000
    this.cached = {
      token: fetched.token,
      renewAt: requestedAt + lifetimeMs - refreshMarginMs(lifetimeMs),
    }
    return { ok: true, token: fetched.token }
  }
}
