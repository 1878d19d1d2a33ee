// Scaffolding for the HTTPS client's tests: a local cloud with the fast fake engine and a throwaway storage
// folder, one injectable clock for both ends, a fetch that records what went over the wire, and images.
import { randomBytes } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'

import sharp from 'sharp'

import type { StartLocalCloudOptions } from '../../emulator/index'
import { startTestCloud, type TestCloud } from '../emulator/helpers'
import { STABLE_TOKEN_PATH } from '../../src/https/endpoints'
import type { PrintedTextLogLine } from '../../src/https/log-line'
import type { RetryPolicy } from '../../src/retry/policy'
import { instantClock } from '../support/instant-clock'
import { startLoopbackServer, type LoopbackServer } from '../support/loopback-server'

export type HttpsCloud = TestCloud

/** The emulator tests' cloud, quiet: a failure the emulator logs is asserted through replies here. */
export function startHttpsCloud(options: StartLocalCloudOptions = {}): Promise<HttpsCloud> {
  return startTestCloud({ log: () => undefined, ...options })
}

/** One clock for the local cloud (token expiry, quota day) and the client (token cache, backoff). */
export type TestClock = ReturnType<typeof instantClock>
export const testClock = (): TestClock => instantClock()

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

export function logSink(): {
  lines: PrintedTextLogLine[]
  logger: (line: PrintedTextLogLine) => void
} {
  const lines: PrintedTextLogLine[] = []
  return { lines, logger: (line) => lines.push(line) }
}

export function pngImage(width = 320, height = 160): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#ffffff' } })
    .png()
    .toBuffer()
}

export function jpegImage(width = 320, height = 160): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#f0f0f0' } })
    .jpeg()
    .toBuffer()
}

/** Credentials unlike any real account's, long enough that a leak could not be a coincidence. */
export function testCredentials(): { appId: string; appSecret: string } {
  return {
    appId: `wx${randomBytes(8).toString('hex')}`,
    appSecret: randomBytes(16).toString('hex'),
  }
}

export type ImageServer = LoopbackServer

/** A loopback server that answers every path with `body`, or 404 when the body is undefined. */
export function startImageServer(body: Buffer | undefined): Promise<ImageServer> {
  return startLoopbackServer(() => (body === undefined ? undefined : { body }))
}

/** A loopback origin where nothing listens: connections to it are refused. */
export async function closedOrigin(): Promise<string> {
  const server = http.createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return `http://127.0.0.1:${port}`
}
