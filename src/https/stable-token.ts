// Fetches an access_token from POST /cgi-bin/stable_token. Ordinary mode (force_refresh: false) only: it
// answers the token the platform already holds, shared safely by every server of the same account, while a
// forced refresh invalidates the token everyone else holds and is limited to a few calls a day.
import * as z from 'zod'

import { failure } from '../errors/failure'
import { readIncomingError } from '../errors/incoming'
import { incomingFailure } from '../errors/incoming-failure'
import { endpointUrl, STABLE_TOKEN_PATH } from './endpoints'
import type { FetchedToken } from './token-cache'
import { transportFailure } from './transport-failure'

const TokenReplySchema = z.object({
  access_token: z.string().min(1),
  expires_in: z.number().int().positive(),
})

export interface StableTokenDeps {
  baseUrl: string
  appId: string
  appSecret: string
  fetch: typeof fetch
  timeoutMs: number
  redact: (text: string) => string
}

const WHAT = 'Fetching the access_token (stable_token)'

export async function fetchStableToken(deps: StableTokenDeps): Promise<FetchedToken> {
  const body = JSON.stringify({
    grant_type: 'client_credential',
    appid: deps.appId,
    secret: deps.appSecret,
    force_refresh: false,
  })
  let text: string
  try {
    const response = await deps.fetch(endpointUrl(deps.baseUrl, STABLE_TOKEN_PATH), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      signal: AbortSignal.timeout(deps.timeoutMs),
    })
    text = await response.text()
  } catch (thrown) {
    return transportFailure(thrown, { what: WHAT, timeoutMs: deps.timeoutMs, redact: deps.redact })
  }
  let json: unknown
  try {
    json = JSON.parse(text) as unknown
  } catch {
    return failure('UPSTREAM_ERROR', {
      message: `${WHAT} failed: the reply is not JSON (${text.length} characters).`,
    })
  }
  // A wrong AppID, AppSecret or server IP is CREDENTIALS_REFUSED, by the catalog like every errcode.
  const refusal = readIncomingError(json)
  if (refusal.errCode !== undefined && refusal.errCode !== 0) {
    return incomingFailure(refusal, { lead: `${WHAT} failed`, redact: deps.redact })
  }
  const token = TokenReplySchema.safeParse(json)
  if (!token.success) {
    return failure('UPSTREAM_ERROR', {
      message: `${WHAT} failed: the reply has no access_token and positive expires_in.`,
    })
  }
  return { ok: true, token: token.data.access_token, expiresInSeconds: token.data.expires_in }
}
