// What a test gives the HTTPS client and reads back from it: throwaway credentials, a retry policy with
// short limits, a sink for its log lines, and a fetch that records what went over the wire.
import { randomBytes } from 'node:crypto'

import { STABLE_TOKEN_PATH } from '../../src/https/endpoints'
import type { PrintedTextLogLine } from '../../src/https/log-line'
import type { RetryPolicy } from '../../src/retry/policy'

/** Credentials unlike any real account's, long enough that a leak could not be a coincidence. */
export function testCredentials(): { appId: string; appSecret: string } {
  return {
    appId: `wx${randomBytes(8).toString('hex')}`,
    appSecret: randomBytes(16).toString('hex'),
  }
}

/** The function's policy shape with short limits, so a timeout test takes a fraction of a second. */
export const FAST_POLICY: RetryPolicy = {
  maxAttempts: 3,
  baseDelayMs: 10,
  maxDelayMs: 50,
  budgetMs: 5_000,
  attemptTimeoutMs: 300,
}

/**
 * For tests that send one image many times to count token, retry and queue traffic: the client's result
 * cache (on by default) would answer the repeats without a request.
 */
export const NO_CACHE = { cacheTtlMs: 0 } as const

export function logSink(): {
  lines: PrintedTextLogLine[]
  logger: (line: PrintedTextLogLine) => void
} {
  const lines: PrintedTextLogLine[] = []
  return { lines, logger: (line) => lines.push(line) }
}

export interface WireCall {
  url: string
  method: string
  /** The encoded body as sent, or undefined for a request without one. */
  body: Buffer | undefined
  contentType: string | null
}

export interface SpyFetch {
  fetch: typeof fetch
  calls: WireCall[]
  /** Every access_token the token route handed out through this fetch. */
  tokens: Set<string>
}

/** The real fetch, recording each request as encoded on the wire and each token the platform issued. */
export function spyFetch(): SpyFetch {
  const calls: WireCall[] = []
  const tokens = new Set<string>()
  const spy: typeof fetch = async (input, init) => {
    const request = new Request(input, init)
    const bytes =
      request.body === null ? undefined : Buffer.from(await request.clone().arrayBuffer())
    calls.push({
      url: request.url,
      method: request.method,
      body: bytes,
      contentType: request.headers.get('content-type'),
    })
    const response = await fetch(request)
    if (new URL(request.url).pathname.endsWith(STABLE_TOKEN_PATH)) {
      const issued = (await response.clone().json()) as { access_token?: unknown }
      if (typeof issued.access_token === 'string') tokens.add(issued.access_token)
    }
    return response
  }
  return { fetch: spy, calls, tokens }
}
