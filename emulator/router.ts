// Which path is served by what. Platform paths keep the platform's names; the emulator's own routes live
// under /__admin/ and /__storage/ so they can never be mistaken for a platform API.
import type { IncomingMessage, ServerResponse } from 'node:http'

import { ADMIN_PREFIX, handleAdmin, type AdminDeps } from './admin-routes'
import { handleGateway, type ActionHandlers } from './gateway'
import { tcbError } from './gateway-errors'
import { sendJson } from './http-io'
import { describeError, type Logger } from './log'
import type { OcrService } from './ocr-service'
import { handleOcrEndpoint, OCR_ENDPOINT_PATH } from './ocr-endpoint'
import { handlePlayground, isPlaygroundPath } from './playground/routes'
import type { RequestLog, RequestRecord, RouteName } from './request-log'
import { STORAGE_ROUTE_PREFIX, type LocalStorage } from './storage'
import { handleStorageFile } from './storage-routes'
import { handleStableToken, handleToken } from './token-routes'
import type { TokenStore } from './tokens'
import { wechatError } from './wechat-errors'

export const GATEWAY_PATH = '/admin'
export const GATEWAY_FUNCTION_PREFIX = '/admin/fn/'
const FUNCTION_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,59}$/

export interface RouterDeps {
  origin: () => string
  envId: string
  actions: ActionHandlers
  ocr: OcrService
  tokens: TokenStore
  storage: LocalStorage
  requests: RequestLog
  clockNow: () => number
  admin: AdminDeps
  log: Logger
  /** Aborted by stop(): work cut short by it is not an error worth a log line. */
  signal: AbortSignal
}

function routeOf(pathname: string): RouteName {
  if (pathname === GATEWAY_PATH || pathname.startsWith(GATEWAY_FUNCTION_PREFIX)) return 'gateway'
  if (pathname.startsWith(STORAGE_ROUTE_PREFIX)) return 'storage-file'
  if (pathname === OCR_ENDPOINT_PATH) return 'ocr-https'
  if (pathname === '/cgi-bin/token') return 'token'
  if (pathname === '/cgi-bin/stable_token') return 'stable-token'
  if (pathname.startsWith(ADMIN_PREFIX)) return 'admin'
  // The playground page is the emulator's own, like /__admin: counted there, so platform counts stay exact.
  if (isPlaygroundPath(pathname)) return 'admin'
  return 'unknown'
}

async function dispatch(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  record: RequestRecord,
  deps: RouterDeps,
): Promise<void> {
  const method = req.method ?? 'GET'
  switch (record.route) {
    case 'gateway': {
      const functionName =
        url.pathname === GATEWAY_PATH
          ? undefined
          : decodeURIComponent(url.pathname.slice(GATEWAY_FUNCTION_PREFIX.length))
      if (functionName !== undefined && !FUNCTION_NAME.test(functionName)) {
        return sendJson(res, 404, tcbError('INVALID_PARAM', `bad function name "${functionName}"`))
      }
      if (functionName !== undefined) record.functionName = functionName
      return handleGateway(req, res, deps.actions, deps.envId, { functionName, record })
    }
    case 'storage-file':
      return handleStorageFile(req, res, url, deps.storage)
    case 'ocr-https':
      return handleOcrEndpoint(req, res, url, deps.tokens, deps.ocr)
    case 'token':
      if (method !== 'GET') break
      return handleToken(url, res, deps.tokens)
    case 'stable-token':
      if (method !== 'POST') break
      return handleStableToken(req, res, deps.tokens)
    case 'admin':
      if (isPlaygroundPath(url.pathname)) {
        const cloud = () => ({
          origin: deps.origin(),
          envId: deps.envId,
          bucket: deps.storage.bucket,
        })
        return handlePlayground(req, res, url, { cloud, storage: deps.storage })
      }
      return handleAdmin(req, res, url, deps.admin)
    case 'unknown':
      break
  }
  // Loud, platform-shaped, and never a plausible answer.
  const error = wechatError('systemBusy')
  sendJson(res, 404, { ...error, errmsg: `localcloud: no route ${method} ${url.pathname}` })
}

export function createRouter(deps: RouterDeps) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', deps.origin())
    const record = deps.requests.add({
      route: routeOf(url.pathname),
      method: req.method ?? 'GET',
      path: url.pathname,
      at: deps.clockNow(),
    })
    try {
      await dispatch(req, res, url, record, deps)
    } catch (error) {
      if (deps.signal.aborted) {
        req.socket.destroy()
        return
      }
      deps.log('error', 'request failed inside the emulator', {
        path: url.pathname,
        error: describeError(error),
      })
      if (!res.headersSent) sendJson(res, 500, tcbError('SYS_ERR', describeError(error)))
      else req.socket.destroy()
    }
  }
}
