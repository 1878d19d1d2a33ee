// GET /cgi-bin/token and POST /cgi-bin/stable_token, answering as the platform does: 200 with either
// `{access_token, expires_in}` or `{errcode, errmsg}`.
import type { IncomingMessage, ServerResponse } from 'node:http'

import { z } from 'zod'

import { parseJson, readBody, sendJson } from '../server/http-io'
import type { TokenStore } from './tokens'
import { wechatError } from '../ocr-service/wechat-errors'

export const WECHAT_JSON_TYPE = 'application/json; encoding=utf-8'
const TOKEN_BODY_LIMIT = 64 * 1024

const StableTokenBodySchema = z.object({
  grant_type: z.string().optional(),
  appid: z.string().optional(),
  secret: z.string().optional(),
  force_refresh: z.boolean().optional(),
})

export function handleToken(url: URL, res: ServerResponse, tokens: TokenStore): void {
  const refusal = tokens.refuse({
    grantType: url.searchParams.get('grant_type') ?? undefined,
    appId: url.searchParams.get('appid') ?? undefined,
    secret: url.searchParams.get('secret') ?? undefined,
  })
  sendJson(res, 200, refusal ? wechatError(refusal) : tokens.issue(), WECHAT_JSON_TYPE)
}

export async function handleStableToken(
  req: IncomingMessage,
  res: ServerResponse,
  tokens: TokenStore,
): Promise<void> {
  const parsed = StableTokenBodySchema.safeParse(parseJson(await readBody(req, TOKEN_BODY_LIMIT)))
  if (!parsed.success) {
    sendJson(res, 200, wechatError('dataFormatError'), WECHAT_JSON_TYPE)
    return
  }
  const { grant_type, appid, secret, force_refresh } = parsed.data
  const refusal = tokens.refuse({ grantType: grant_type, appId: appid, secret })
  const body = refusal ? wechatError(refusal) : tokens.stable(force_refresh ?? false)
  sendJson(res, 200, body, WECHAT_JSON_TYPE)
}
