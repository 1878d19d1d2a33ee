// Which path is served by what. Platform paths keep the platform's names; the emulator's own routes live
// under /__admin/ and /__storage/ so they can never be mistaken for a platform API.
import type { IncomingMessage, ServerResponse } from 'node:http'

import { ADMIN_PREFIX, handleAdmin, type AdminDeps } from './admin-routes'
import { handleGateway, type ActionHandlers } from '../gateway/wire'
import { tcbError } from '../gateway/errors'
import { BadRequestError, BodyTooLargeError, sendJson } from './http-io'
import { describeError, type Logger } from './log'
import type { OcrService } from '../ocr-service/service'
import { handleOcrEndpoint, OCR_ENDPOINT_PATH } from '../https-api/ocr-endpoint'
import { handlePlayground, isPlaygroundPath } from '../playground/routes'
import type { RunQueue } from '../playground/run-queue'
import type { RequestLog, RequestRecord } from './request-log'
import { refuseForeignRequest, refuseNonJsonBody } from './request-guard'
import { STORAGE_ROUTE_PREFIX, type LocalStorage } from '../storage/local-storage'
import { handleStorageFile } from '../storage/download-route'
import { handleStableToken, handleToken } from '../https-api/token-routes'
import type { TokenStore } from '../https-api/tokens'
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
  requests: RequestLog<RouteName>
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

interface RouteContext {
  req: IncomingMessage
  res: ServerResponse
  url: URL
  record: RequestRecord<RouteName>
  deps: RouterDeps
}

interface Route {
  readonly name: string
  matches(pathname: string): boolean
  /** The methods it answers; any other gets the loud "not implemented". Default: all. */
  readonly methods?: readonly string[]
  /** Its bodies must be labelled application/json (the emulator's own routes; request-guard.ts). */
  readonly jsonBodies?: boolean
  serve(context: RouteContext): Promise<void> | void
}

/** A percent-decoded path part; a broken escape (`%ZZ`) stays as it is, and fails the name check. */
function decodedOrRaw(part: string): string {
  try {
    return decodeURIComponent(part)
  } catch {
    return part
  }
}

function serveGateway({ req, res, url, record, deps }: RouteContext): Promise<void> | void {
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

function serveAdmin({ req, res, url, deps }: RouteContext): Promise<void> | void {
  if (!isPlaygroundPath(url.pathname)) return handleAdmin(req, res, url, deps.admin)
  const cloud = () => ({ origin: deps.origin(), envId: deps.envId, bucket: deps.storage.bucket })
  return handlePlayground(req, res, url, { cloud, storage: deps.storage, runs: deps.runs })
}

/**
 * Every path the local cloud serves, first match wins. Platform paths keep the platform's names; the
 * request log's route names and counts derive from this table, so a route is added here and nowhere else.
 */
const ROUTES = [
  {
    name: 'gateway',
    matches: (p) => p === GATEWAY_PATH || p.startsWith(GATEWAY_FUNCTION_PREFIX),
    serve: serveGateway,
  },
  {
    name: 'storage-file',
    matches: (p) => p.startsWith(STORAGE_ROUTE_PREFIX),
    serve: ({ req, res, url, deps }) => handleStorageFile(req, res, url, deps.storage),
  },
  {
    name: 'ocr-https',
    matches: (p) => p === OCR_ENDPOINT_PATH,
    serve: ({ req, res, url, deps }) => handleOcrEndpoint(req, res, url, deps.tokens, deps.ocr),
  },
  {
    name: 'token',
    matches: (p) => p === '/cgi-bin/token',
    methods: ['GET'],
    serve: ({ res, url, deps }) => handleToken(url, res, deps.tokens),
  },
  {
    name: 'stable-token',
    matches: (p) => p === '/cgi-bin/stable_token',
    methods: ['POST'],
    serve: ({ req, res, deps }) => handleStableToken(req, res, deps.tokens),
  },
  {
    // The playground page is the emulator's own, like /__admin: counted there, so platform counts stay exact.
    name: 'admin',
    matches: (p) => p.startsWith(ADMIN_PREFIX) || isPlaygroundPath(p),
    jsonBodies: true,
    serve: serveAdmin,
  },
] as const satisfies readonly Route[]

/** A path no route matches: counted under this name and answered "not implemented". */
const UNKNOWN_ROUTE = 'unknown'

export type RouteName = (typeof ROUTES)[number]['name'] | typeof UNKNOWN_ROUTE
export const ROUTE_NAMES: readonly RouteName[] = [
  ...ROUTES.map((route) => route.name),
  UNKNOWN_ROUTE,
]

function routeOf(pathname: string): (Route & { readonly name: RouteName }) | undefined {
  const table: readonly (Route & { readonly name: RouteName })[] = ROUTES
  return table.find((route) => route.matches(pathname))
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
  const route = routeOf(url.pathname)
  const method = req.method ?? 'GET'
  const record = deps.requests.add({
    route: route?.name ?? UNKNOWN_ROUTE,
    method,
    path: url.pathname,
    at: deps.clockNow(),
  })
  if (route === undefined || (route.methods !== undefined && !route.methods.includes(method))) {
    return sendJson(res, 501, notImplementedReply(method, url.pathname))
  }
  const notJson = route.jsonBodies === true ? refuseNonJsonBody(req) : undefined
  if (notJson !== undefined) return sendJson(res, notJson.status, { error: notJson.message })
  await route.serve({ req, res, url, record, deps })
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
