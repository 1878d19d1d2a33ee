// The emulator's own control routes under /__admin (never a platform path): arm and clear faults, read or
// reset the quota, count requests, and identify the server (so a script can reuse a running emulator).
import type { IncomingMessage, ServerResponse } from 'node:http'

import { z } from 'zod'

import type { FaultBoard } from '../ocr-service/faults'
import { FaultSchema } from '../ocr-service/faults'
import { parseJson, readBody, sendJson } from './http-io'
import type { DailyQuota } from '../ocr-service/quota'
import type { RequestLog } from './request-log'

export const ADMIN_PREFIX = '/__admin/'
const ADMIN_BODY_LIMIT = 64 * 1024

const QuotaUpdateSchema = z.object({
  reset: z.boolean().optional(),
  limit: z.number().int().nonnegative().optional(),
})

export interface AdminDeps {
  faults: FaultBoard
  quota: DailyQuota
  requests: RequestLog
  info: () => Record<string, unknown>
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  return parseJson(await readBody(req, ADMIN_BODY_LIMIT))
}

function badRequest(res: ServerResponse, message: string): void {
  sendJson(res, 400, { error: message })
}

async function handleFaults(req: IncomingMessage, res: ServerResponse, faults: FaultBoard) {
  if (req.method === 'GET') return sendJson(res, 200, { faults: faults.list() })
  if (req.method === 'DELETE') {
    faults.clear()
    return sendJson(res, 200, { faults: [] })
  }
  if (req.method !== 'POST') return sendJson(res, 405, { error: 'GET, POST or DELETE' })
  const parsed = z.union([FaultSchema, z.array(FaultSchema)]).safeParse(await readJson(req))
  if (!parsed.success) return badRequest(res, z.prettifyError(parsed.error))
  for (const fault of Array.isArray(parsed.data) ? parsed.data : [parsed.data]) faults.inject(fault)
  return sendJson(res, 200, { faults: faults.list() })
}

async function handleQuota(req: IncomingMessage, res: ServerResponse, quota: DailyQuota) {
  if (req.method === 'POST') {
    const parsed = QuotaUpdateSchema.safeParse(await readJson(req))
    if (!parsed.success) return badRequest(res, z.prettifyError(parsed.error))
    if (parsed.data.limit !== undefined) quota.limit = parsed.data.limit
    if (parsed.data.reset === true) quota.reset()
  } else if (req.method !== 'GET') {
    return sendJson(res, 405, { error: 'GET or POST' })
  }
  return sendJson(res, 200, quota.state())
}

export async function handleAdmin(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  deps: AdminDeps,
): Promise<void> {
  switch (url.pathname.slice(ADMIN_PREFIX.length)) {
    case 'faults':
      return handleFaults(req, res, deps.faults)
    case 'quota':
      return handleQuota(req, res, deps.quota)
    case 'requests':
      return sendJson(res, 200, { counts: deps.requests.counts() })
    case 'info':
      return sendJson(res, 200, deps.info())
    default:
      return sendJson(res, 404, { error: `no admin route ${url.pathname}` })
  }
}
