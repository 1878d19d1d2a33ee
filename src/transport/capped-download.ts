// Downloads a storage file through its temporary URL, never holding more than the limit plus one byte:
// the SDK's own downloadFile reads a whole file into memory before anything can look at its size, so a
// caller's 200 MB upload would take a 256 MB function down instead of getting IMAGE_TOO_LARGE. Node 16
// (the deployed runtime) has no fetch, so this is plain http/https.
import http from 'node:http'
import https from 'node:https'

import type { DownloadedFile } from './cloud-port'

export class DownloadError extends Error {
  override readonly name = 'DownloadError'
  constructor(
    message: string,
    /** The socket's code (ECONNRESET, ETIMEDOUT...), read by the shared classifier. */
    readonly code?: string,
  ) {
    super(message)
  }
}

/** What a temporary URL answers for a file that is gone (deleted between the two calls). */
const MISSING_STATUSES = new Set([403, 404])

export function downloadCapped(
  url: string,
  maxBytes: number,
  timeoutMs: number,
): Promise<DownloadedFile> {
  const client = url.startsWith('https:') ? https : http
  return new Promise<DownloadedFile>((resolve, reject) => {
    const request = client.get(url, { timeout: timeoutMs }, (response) => {
      const status = response.statusCode ?? 0
      const stop = (outcome: DownloadedFile): void => {
        response.destroy()
        request.destroy()
        resolve(outcome)
      }
      if (MISSING_STATUSES.has(status)) return stop({ kind: 'missing' })
      if (status !== 200) {
        response.destroy()
        reject(new DownloadError(`the temporary URL answered HTTP ${status}`))
        return
      }
      // The declared size settles it without reading a byte of the body.
      const declared = Number(response.headers['content-length'])
      if (Number.isInteger(declared) && declared > maxBytes) {
        return stop({ kind: 'too-large', atLeastBytes: declared })
      }
      const chunks: Buffer[] = []
      let received = 0
      response.on('data', (chunk: Buffer) => {
        received += chunk.length
        if (received > maxBytes) return stop({ kind: 'too-large', atLeastBytes: received })
        chunks.push(chunk)
      })
      response.on('end', () => resolve({ kind: 'bytes', bytes: Buffer.concat(chunks, received) }))
      response.on('error', (error: NodeJS.ErrnoException) =>
        reject(new DownloadError(`reading the file failed: ${error.message}`, error.code)),
      )
    })
    request.on('timeout', () => {
      request.destroy(new DownloadError(`the download took over ${timeoutMs} ms`, 'ETIMEDOUT'))
    })
    request.on('error', (error: NodeJS.ErrnoException) => {
      reject(
        error instanceof DownloadError
          ? error
          : new DownloadError(`the download failed: ${error.message}`, error.code),
      )
    })
  })
}
