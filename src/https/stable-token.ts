// Fetches an access_token from POST /cgi-bin/stable_token. Ordinary mode (force_refresh: false) only: it
// answers the token the platform already holds, shared safely by every server of the same account, while a
// forced refresh invalidates the token everyone else holds and is limited to a few calls a day.
import * as z from 'zod'

import { classifyPlatformError } from '../errors/classify'
import type { ErrorCode } from '../errors/catalog'
import { failure } from '../errors/failure'
import { endpointUrl, STABLE_TOKEN_PATH } from './endpoints'
import type { FetchedToken } from './token-cache'
import { transportFailure } from './transport-failure'

const TokenReplySchema = z.object({
  access_token: z.string().min(1),
  expires_in: z.number().int().positive(),
})

const ErrorReplySchema = z.object({
  errcode: z.number().int(),
  errmsg: z.string().optional(),
})

/**
 * The token routes' own refusals: the AppID, the AppSecret or the server's IP is wrong, which no retry and
 * no refresh will fix. Everything else (-1 busy, quota) goes through the shared classifier.
 */
const REFUSED_ERRCODES: ReadonlySet<number> = new Set([
  40013, // invalid appid
  40125, // invalid appsecret
  40164, // invalid ip, not in whitelist
  41002, // appid missing
  41004, // appsecret missing
  40002, // invalid grant_type: our bug if it ever happens, but still nothing a retry fixes
])

export interface StableTokenDeps {
  baseUrl: string
  appId: string
  appSecret: string
  fetch: typeof fetch
  timeoutMs: number
  redact: (text: string) => string
}

const WHAT = 'Fetching the access_token (stable_token)'

function refusal(errcode: number, errmsg: string, redact: (text: string) => string): FetchedToken {
  const code: ErrorCode = REFUSED_ERRCODES.has(errcode)
    ? 'CREDENTIALS_REFUSED'
    : classifyPlatformError({ errCode: errcode, errMsg: errmsg, socketCode: undefined })
  return failure(code, {
    message: `${WHAT} failed: errCode ${errcode}: ${redact(errmsg)}`,
    errCode: errcode,
  })
}

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
  const error = ErrorReplySchema.safeParse(json)
  if (error.success && error.data.errcode !== 0) {
    return refusal(error.data.errcode, error.data.errmsg ?? '', deps.redact)
  }
  const token = TokenReplySchema.safeParse(json)
  if (!token.success) {
    return failure('UPSTREAM_ERROR', {
      message: `${WHAT} failed: the reply has no access_token and positive expires_in.`,
    })
  }
  return { ok: true, token: token.data.access_token, expiresInSeconds: token.data.expires_in }
}
