// access_token issue and check for the HTTPS endpoint. Simplification, documented: every token lives its
// own `tokenTtlSeconds`; the platform's five-minute grace for a token replaced by a newer one is not
// modelled, because a client must not rely on it anyway.
import { randomBytes } from 'node:crypto'

import type { Clock, Credentials } from '../options'
import type { WechatErrorName } from '../ocr-service/wechat-errors'

export interface IssuedToken {
  access_token: string
  expires_in: number
}

export type TokenCheck = 'valid' | 'expired' | 'unknown'

export interface TokenRequest {
  grantType: string | undefined
  appId: string | undefined
  secret: string | undefined
}

export class TokenStore {
  private readonly expiries = new Map<string, number>()
  private stableToken: string | undefined

  constructor(
    private readonly ttlSeconds: number,
    private readonly clock: Clock,
    private readonly credentials: Credentials | undefined,
  ) {}

  /** The WeChat error for a token request, or undefined when it may have a token. */
  refuse({ grantType, appId, secret }: TokenRequest): WechatErrorName | undefined {
    if (grantType !== 'client_credential') return 'invalidGrantType'
    if (appId === undefined || appId === '') return 'appIdMissing'
    if (secret === undefined || secret === '') return 'appSecretMissing'
    if (this.credentials !== undefined) {
      if (appId !== this.credentials.appId) return 'invalidAppId'
      if (secret !== this.credentials.appSecret) return 'invalidAppSecret'
    }
    return undefined
  }

  /** /cgi-bin/token: a new token on every call. */
  issue(): IssuedToken {
    const token = randomBytes(48).toString('base64url')
    this.expiries.set(token, this.clock.now() + this.ttlSeconds * 1000)
    return { access_token: token, expires_in: this.ttlSeconds }
  }

  /** /cgi-bin/stable_token: the same token until it expires, unless a refresh is forced. */
  stable(forceRefresh: boolean): IssuedToken {
    const current = this.stableToken
    const expiry = current === undefined ? undefined : this.expiries.get(current)
    if (!forceRefresh && current !== undefined && expiry !== undefined) {
      const remaining = Math.floor((expiry - this.clock.now()) / 1000)
      if (remaining > 0) return { access_token: current, expires_in: remaining }
    }
    const issued = this.issue()
    this.stableToken = issued.access_token
    return issued
  }

  check(token: string): TokenCheck {
    const expiry = this.expiries.get(token)
    if (expiry === undefined) return 'unknown'
    return this.clock.now() < expiry ? 'valid' : 'expired'
  }
}
