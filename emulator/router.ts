// Which path is served by what. Platform paths keep the platform's names; the emulator's own routes live
// under /__admin/ and /__storage/ so they can never be mistaken for a platform API.
import type { IncomingMessage, ServerResponse } from 'node:http'

import { ADMIN_PREFIX, handleAdmin, type AdminDeps } from './admin-routes'
import { handleGateway, type ActionHandlers } from './gateway'
import { tcbError } from './gateway-errors'
import { BadRequestError, BodyTooLargeError, sendJson } from './http-io'
import { describeError, type Logger } from './log'
import type { OcrService } from './ocr-service'
import { handleOcrEndpoint, OCR_ENDPOINT_PATH } from './ocr-endpoint'
import { handlePlayground, isPlaygroundPath } from './playground/routes'
import type { RunQueue } from './playground/run-queue'
import type { RequestLog, RequestRecord, RouteName } from './request-log'
import { refuseForeignRequest, refuseNonJsonBody } from './request-guard'
import { STORAGE_ROUTE_PREFIX, type LocalStorage } from './storage'
import { handleStorageFile } from './storage-routes'
import { handleStableToken, handleToken } from './token-routes'
import type { TokenStore } from './tokens'
import { notImplementedReply } from './not-implemented'

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
  /** The playground's function runs, one line per server. */
  runs: RunQueue
  /** Host names allowed beyond the loopback ones (request-guard.ts). */
  allowedHosts: readonly string[]
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

/** A percent-decoded path part; a broken escape (`%ZZ`) stays as it is, and fails the name check. */
function decodedOrRaw(part: string): string {
  try {
    return decodeURIComponent(part)
  } catch {
    return part
  }
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
          : decodedOrRaw(url.pathname.slice(GATEWAY_FUNCTION_PREFIX.length))
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
        return handlePlayground(req, res, url, { cloud, storage: deps.storage, runs: deps.runs })
      }
      return handleAdmin(req, res, url, deps.admin)
    case 'unknown':
      break
  }
  sendJson(res, 501, notImplementedReply(method, url.pathname))
}

/** The request target as a URL; undefined for one no URL parser accepts (`GET http://[::1/ HTTP/1.1`). */
function targetOf(req: IncomingMessage, origin: string): URL | undefined {
  try {
    return new URL(req.url ?? '/', origin)
  } catch {
    return undefined
  }
}

async function serve(req: IncomingMessage, res: ServerResponse, deps: RouterDeps): Promise<void> {
  const foreign = refuseForeignRequest(req, deps.allowedHosts)
  if (foreign !== undefined) return sendJson(res, foreign.status, { error: foreign.message })
  const url = targetOf(req, deps.origin())
  if (url === undefined) {
    return sendJson(res, 400, { error: `malformed request target ${JSON.stringify(req.url)}` })
  }
  const record = deps.requests.add({
    route: routeOf(url.pathname),
    method: req.method ?? 'GET',
    path: url.pathname,
    at: deps.clockNow(),
  })
  const notJson = record.route === 'admin' ? refuseNonJsonBody(req) : undefined
  if (notJson !== undefined) return sendJson(res, notJson.status, { error: notJson.message })
  await dispatch(req, res, url, record, deps)
}

/**
 * The one boundary around every request: whatever a handler throws becomes an answer (413 for a body over
 * its route's limit, 500 for our own bug), and the server keeps serving.
 */
export function createRouter(deps: RouterDeps) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    try {
      await serve(req, res, deps)
    } catch (error) {
      if (deps.signal.aborted || res.socket === null || res.socket.destroyed) {
        // Stopping, or the client left: there is no one to answer.
        res.destroy()
        return
      }
      if (error instanceof BodyTooLargeError && !res.headersSent) {
        res.setHeader('connection', 'close')
        return sendJson(res, 413, { error: error.message })
      }
      if (error instanceof BadRequestError && !res.headersSent) {
        return sendJson(res, 400, { error: error.message })
      }
      deps.log('error', 'request failed inside the emulator', {
        path: req.url?.slice(0, 200),
        error: describeError(error),
      })
      if (!res.headersSent) sendJson(res, 500, tcbError('SYS_ERR', describeError(error)))
      else res.destroy()
    }
  }
}
