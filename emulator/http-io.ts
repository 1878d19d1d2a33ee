// Reading requests and writing replies, with the limits that keep a misbehaving client from filling memory.
import type { IncomingMessage, ServerResponse } from 'node:http'

import { MAX_JSON_DEPTH, nestsDeeperThan } from './json-depth'

export class BodyTooLargeError extends Error {
  override readonly name = 'BodyTooLargeError'
}

/** A request no route could read (JSON nested too deep); the request boundary answers 400. */
export class BadRequestError extends Error {
  override readonly name = 'BadRequestError'
}

/**
 * Reads the whole body, refusing more than `limit` bytes. The platform's own image limit is 2 MB; the cap
 * here is larger so that an oversized image still arrives whole and gets the platform's answer (101002).
 */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk))
    size += buffer.length
    if (size > limit) throw new BodyTooLargeError(`request body over ${limit} bytes`)
    chunks.push(buffer)
  }
  return Buffer.concat(chunks)
}

export function sendJson(res: ServerResponse, status: number, body: unknown, type?: string): void {
  const payload = Buffer.from(JSON.stringify(body))
  res.writeHead(status, {
    'content-type': type ?? 'application/json; charset=utf-8',
    'content-length': payload.length,
  })
  res.end(payload)
}

export function sendBytes(
  res: ServerResponse,
  status: number,
  body: Buffer,
  contentType: string,
): void {
  res.writeHead(status, { 'content-type': contentType, 'content-length': body.length })
  res.end(body)
}

/**
 * Parses a JSON body; undefined when it is not JSON, so the caller answers in its own error shape. JSON
 * nested deeper than MAX_JSON_DEPTH throws BadRequestError before any recursive code sees it.
 */
export function parseJson(body: Buffer): unknown {
  let value: unknown
  try {
    value = JSON.parse(body.toString('utf8')) as unknown
  } catch {
    return undefined
  }
  if (nestsDeeperThan(value)) {
    throw new BadRequestError(`JSON body nested deeper than ${MAX_JSON_DEPTH} levels`)
  }
  return value
}
