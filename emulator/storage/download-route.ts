// GET (and HEAD) of a temporary download URL: serves the stored file when the URL's signature and expiry
// hold, and answers like object storage (403/404, no body worth parsing) when they do not.
import type { IncomingMessage, ServerResponse } from 'node:http'

import { sendBytes, sendJson } from '../server/http-io'
import { imageContentType } from '../ocr-service/image-type'
import { STORAGE_ROUTE_PREFIX, type LocalStorage } from './local-storage'

export async function handleStorageFile(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  storage: LocalStorage,
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    sendJson(res, 405, { error: 'GET or HEAD' })
    return
  }
  const cloudPath = storage.cloudPathOfUrl(url.pathname.slice(STORAGE_ROUTE_PREFIX.length)) ?? ''
  if (!storage.verifyTempUrl(cloudPath, url.searchParams.get('t'), url.searchParams.get('sign'))) {
    sendJson(res, 403, { error: 'signature mismatch or URL expired' })
    return
  }
  const bytes = await storage.read(cloudPath)
  if (bytes === undefined) {
    sendJson(res, 404, { error: 'no such file' })
    return
  }
  const type = imageContentType(bytes) ?? 'application/octet-stream'
  if (req.method === 'HEAD') {
    res.writeHead(200, { 'content-type': type, 'content-length': bytes.length })
    res.end()
    return
  }
  sendBytes(res, 200, bytes, type)
}
