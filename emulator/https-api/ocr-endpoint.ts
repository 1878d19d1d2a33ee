// The HTTPS API `/cv/ocr/comm?access_token=T[&img_url=URL]`, multipart field `img` for an upload. GET is
// accepted as well as POST because the seed's own example `curl "…/cv/ocr/comm?img_url=…&access_token=…"`
// sends a GET (curl without -d/-F), and it must work verbatim. An `img_url` in the body instead of the query
// string is not read, which is exactly what gives 41005 on the platform.
import type { IncomingMessage, ServerResponse } from 'node:http'

import { MALFORMED_JSON } from '../gateway/openapi'
import { BodyTooLargeError, readBody, sendBytes, sendJson } from '../server/http-io'
import { findPart, multipartBoundary, MultipartError, parseMultipart } from '../server/multipart'
import type { OcrMedia, OcrService } from '../ocr-service/service'
import { WECHAT_JSON_TYPE } from './token-routes'
import type { TokenStore } from './tokens'
import { wechatError, type WechatErrorName } from '../ocr-service/wechat-errors'

export const OCR_ENDPOINT_PATH = '/cv/ocr/comm'
const OCR_BODY_LIMIT = 16 * 1024 * 1024

function tokenRefusal(token: string | null, tokens: TokenStore): WechatErrorName | undefined {
  if (token === null || token === '') return 'accessTokenMissing'
  switch (tokens.check(token)) {
    case 'valid':
      return undefined
    case 'expired':
      return 'accessTokenExpired'
    case 'unknown':
      return 'invalidCredential'
  }
}

function uploadedImage(body: Buffer, contentType: string | undefined): Buffer | undefined {
  const boundary = multipartBoundary(contentType)
  if (boundary === undefined || body.length === 0) return undefined
  try {
    const img = findPart(parseMultipart(body, boundary), 'img')
    return img !== undefined && img.data.length > 0 ? img.data : undefined
  } catch (error) {
    // A broken multipart body carries no media the platform could read.
    if (error instanceof MultipartError) return undefined
    throw error
  }
}

export async function handleOcrEndpoint(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  tokens: TokenStore,
  ocr: OcrService,
): Promise<void> {
  if (req.method !== 'POST' && req.method !== 'GET') {
    sendJson(res, 405, { errcode: -1, errmsg: `localcloud: ${req.method} is not served here` })
    return
  }
  const refusal = tokenRefusal(url.searchParams.get('access_token'), tokens)
  if (refusal !== undefined) {
    sendJson(res, 200, wechatError(refusal), WECHAT_JSON_TYPE)
    return
  }
  let body: Buffer
  try {
    body = await readBody(req, OCR_BODY_LIMIT)
  } catch (error) {
    if (!(error instanceof BodyTooLargeError)) throw error
    // The rest of the body is never read: close the connection rather than reuse it.
    res.setHeader('connection', 'close')
    sendJson(res, 200, wechatError('imageTooLarge'), WECHAT_JSON_TYPE)
    return
  }
  const image = uploadedImage(body, req.headers['content-type'])
  const imgUrl = url.searchParams.get('img_url')
  const media: OcrMedia =
    image !== undefined
      ? { kind: 'bytes', bytes: image }
      : imgUrl !== null && imgUrl !== ''
        ? { kind: 'url', url: imgUrl }
        : { kind: 'none' }
  const outcome = await ocr.recognize('https', media)
  switch (outcome.kind) {
    case 'reply':
      sendJson(res, 200, outcome.reply, WECHAT_JSON_TYPE)
      return
    case 'empty-body':
      sendBytes(res, 200, Buffer.alloc(0), WECHAT_JSON_TYPE)
      return
    case 'malformed-body':
      sendBytes(res, 200, Buffer.from(MALFORMED_JSON), WECHAT_JSON_TYPE)
      return
    case 'drop-connection':
      req.socket.destroy()
      return
  }
}
