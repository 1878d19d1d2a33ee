// The cloud gateway at POST /admin (and /admin/fn/<name>, where the function runner names the calling
// function, since the real gateway knows it from its own credentials). It reads both wires the SDK uses
// (JSON for storage and database, multipart for wx.openApi), checks the env, and hands the call to the
// handler registered for its action. An action without a handler fails loudly.
import type { IncomingMessage, ServerResponse } from 'node:http'

import { z } from 'zod'

import { tcbError, type TcbErrorBody } from './errors'
import { BodyTooLargeError, parseJson, readBody, sendBytes, sendJson } from '../server/http-io'
import { findPart, multipartBoundary, MultipartError, parseMultipart } from '../server/multipart'
import type { MultipartPart } from '../server/multipart'
import type { RequestRecord } from '../server/request-log'
import { encodeOpenApiResponse, type OpenApiResponse } from './wire-proto'

/** Large enough for an image over the platform's 2 MB limit to arrive whole and get the platform's answer. */
const GATEWAY_BODY_LIMIT = 16 * 1024 * 1024

export type GatewayRequest =
  | { wire: 'json'; action: string; params: Record<string, unknown> }
  | { wire: 'multipart'; action: string; parts: MultipartPart[] }

export interface GatewayContext {
  functionName: string | undefined
  record: RequestRecord
}

export type GatewayReply =
  | { kind: 'data'; requestId: string; data: unknown }
  | { kind: 'tcb-error'; body: TcbErrorBody }
  | { kind: 'openapi'; response: OpenApiResponse }
  | { kind: 'empty-body' }
  | { kind: 'drop-connection' }

export type ActionHandler = (
  request: GatewayRequest,
  context: GatewayContext,
) => Promise<GatewayReply>

/** The seam for new actions: `database.getDocument` and friends plug in here by name. */
export type ActionHandlers = ReadonlyMap<string, ActionHandler>

const JsonParamsSchema = z.looseObject({ action: z.string(), envName: z.string().optional() })

function readRequest(body: Buffer, contentType: string | undefined): GatewayRequest | TcbErrorBody {
  const boundary = multipartBoundary(contentType)
  if (boundary !== undefined) {
    let parts: MultipartPart[]
    try {
      parts = parseMultipart(body, boundary)
    } catch (error) {
      if (error instanceof MultipartError) return tcbError('INVALID_PARAM', error.message)
      throw error
    }
    const action = findPart(parts, 'action')?.data.toString('utf8')
    if (action === undefined) return tcbError('INVALID_PARAM', 'multipart call without an action')
    return { wire: 'multipart', action, parts }
  }
  const parsed = JsonParamsSchema.safeParse(parseJson(body))
  if (!parsed.success) {
    return tcbError('INVALID_PARAM', 'body is neither multipart nor a JSON object with an action')
  }
  return { wire: 'json', action: parsed.data.action, params: parsed.data }
}

function envNameOf(request: GatewayRequest): string | undefined {
  if (request.wire === 'multipart') return findPart(request.parts, 'envName')?.data.toString('utf8')
  const envName = request.params['envName']
  return typeof envName === 'string' ? envName : undefined
}

export function writeGatewayReply(
  req: IncomingMessage,
  res: ServerResponse,
  reply: GatewayReply,
): void {
  switch (reply.kind) {
    case 'data':
      sendJson(res, 200, { requestId: reply.requestId, data: reply.data })
      return
    case 'tcb-error':
      // Exactly this content type makes the SDK parse the body as JSON even on the wx.openApi path.
      sendJson(res, 200, reply.body, 'application/json; charset=utf-8')
      return
    case 'openapi':
      // Anything but "application/json; charset=utf-8": the SDK must treat the body as protobuf bytes.
      sendBytes(res, 200, encodeOpenApiResponse(reply.response), 'application/octet-stream')
      return
    case 'empty-body':
      sendBytes(res, 200, Buffer.alloc(0), 'application/octet-stream')
      return
    case 'drop-connection':
      req.socket.destroy()
      return
  }
}

export async function handleGateway(
  req: IncomingMessage,
  res: ServerResponse,
  handlers: ActionHandlers,
  envId: string,
  context: GatewayContext,
): Promise<void> {
  if (req.method !== 'POST') {
    sendJson(res, 405, tcbError('INVALID_PARAM', `the gateway takes POST, not ${req.method}`))
    return
  }
  let body: Buffer
  try {
    body = await readBody(req, GATEWAY_BODY_LIMIT)
  } catch (error) {
    if (!(error instanceof BodyTooLargeError)) throw error
    // The rest of the body is never read: close the connection rather than reuse it.
    res.setHeader('connection', 'close')
    sendJson(res, 413, tcbError('INVALID_PARAM', error.message))
    return
  }
  const request = readRequest(body, req.headers['content-type'])
  if (!('wire' in request)) {
    writeGatewayReply(req, res, { kind: 'tcb-error', body: request })
    return
  }
  context.record.action = request.action
  const envName = envNameOf(request)
  if (envName !== undefined && envName !== '' && envName !== envId) {
    const body = tcbError(
      'INVALID_ENV',
      `env "${envName}" does not exist here (this is "${envId}")`,
    )
    writeGatewayReply(req, res, { kind: 'tcb-error', body })
    return
  }
  const handler = handlers.get(request.action)
  const reply: GatewayReply =
    handler === undefined
      ? {
          kind: 'tcb-error',
          body: tcbError('INVALID_ACTION', `action "${request.action}" is not implemented`),
        }
      : await handler(request, context)
  writeGatewayReply(req, res, reply)
}
