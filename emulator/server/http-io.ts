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

/** How much of a refused body is still read (and dropped) so that the 413 reaches the client. */
const DRAIN_LIMIT = 4 * 1024 * 1024

/**
 * Reads the whole body, refusing more than `limit` bytes. The platform's own image limit is 2 MB; the cap
 * here is larger so that an oversized image still arrives whole and gets the platform's answer (101002).
 * A body over the limit is read to its end (up to DRAIN_LIMIT more) before the refusal: a server that
 * closes a socket with unread bytes resets it, and the reset can overtake the answer.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    const tooLarge = () => new BodyTooLargeError(`request body over ${limit} bytes`)
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size <= limit) chunks.push(chunk)
      else if (size > limit + DRAIN_LIMIT) {
        req.pause()
        reject(tooLarge())
      }
    })
    req.on('end', () => (size > limit ? reject(tooLarge()) : resolve(Buffer.concat(chunks))))
    req.on('error', reject)
    // Settles nothing after 'end'; before it, the client went away mid-body.
    req.on('close', () => reject(new Error('the client closed the connection mid-body')))
  })
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
