// Downloads the image behind `img_url`, as the platform's back end does, but only from loopback: the
// emulator must never reach beyond this machine, so any other host is refused before a connection is made.
import http from 'node:http'
import https from 'node:https'

import { isUnderImageSizeLimit } from '../../src/checks/size-limit'

const DOWNLOAD_TIMEOUT_MS = 10_000
const MAX_REDIRECTS = 3

export type DownloadResult =
  | { ok: true; bytes: Buffer }
  | { ok: false; reason: 'not-loopback' | 'bad-url' | 'unreachable' | 'status' | 'too-large' }

export function isLoopbackHostname(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase()
  return (
    host === 'localhost' ||
    host === '::1' ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host) ||
    /^::ffff:127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)
  )
}

function fetchOnce(url: URL, signal: AbortSignal): Promise<DownloadResult | { redirect: string }> {
  const client = url.protocol === 'https:' ? https : http
  return new Promise((resolve) => {
    // agent:false so no pooled socket outlives the download (and the emulator's stop()).
    const req = client.get(url, { agent: false, signal, timeout: DOWNLOAD_TIMEOUT_MS }, (res) => {
      const status = res.statusCode ?? 0
      const location = res.headers.location
      if (status >= 300 && status < 400 && location !== undefined) {
        res.resume()
        resolve({ redirect: new URL(location, url).toString() })
        return
      }
      if (status !== 200) {
        res.resume()
        resolve({ ok: false, reason: 'status' })
        return
      }
      const chunks: Buffer[] = []
      let size = 0
      res.on('data', (chunk: Buffer) => {
        size += chunk.length
        if (!isUnderImageSizeLimit(size)) {
          req.destroy()
          resolve({ ok: false, reason: 'too-large' })
          return
        }
        chunks.push(chunk)
      })
      res.on('end', () => resolve({ ok: true, bytes: Buffer.concat(chunks) }))
      res.on('error', () => resolve({ ok: false, reason: 'unreachable' }))
    })
    req.on('timeout', () => req.destroy(new Error('download timed out')))
    req.on('error', () => resolve({ ok: false, reason: 'unreachable' }))
  })
}

/** Downloads a loopback image URL, following a few redirects that stay on loopback. */
export async function downloadImage(rawUrl: string, signal: AbortSignal): Promise<DownloadResult> {
  let current = rawUrl
  for (let hop = 0; hop <= MAX_REDIRECTS; hop += 1) {
    let url: URL
    try {
      url = new URL(current)
    } catch {
      return { ok: false, reason: 'bad-url' }
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      return { ok: false, reason: 'bad-url' }
    if (!isLoopbackHostname(url.hostname)) return { ok: false, reason: 'not-loopback' }
    const result = await fetchOnce(url, signal)
    if (!('redirect' in result)) return result
    current = result.redirect
  }
  return { ok: false, reason: 'unreachable' }
}
