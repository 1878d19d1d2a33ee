// The one OCR request on the wire, built the way the platform reads it (FACTS.md): img_url in the query
// string, percent-encoded, never in the body (the usual cause of 41005 in other SDKs); an upload as the
// multipart field `img` with a filename and the sniffed content type.
import { endpointUrl, OCR_PATH } from './endpoints'
import type { OcrMedia } from './recognize-input'

export interface OcrHttpRequest {
  url: string
  init: RequestInit
}

/**
 * URLSearchParams writes a space as "+", which only form decoders read back as a space; "%20" means a
 * space to every decoder, so the URL arrives intact whichever one the platform uses. A literal "+" is
 * already written as "%2B", so the swap cannot touch one.
 */
export function encodeQuery(params: Record<string, string>): string {
  return new URLSearchParams(params).toString().replace(/\+/g, '%20')
}

export function buildOcrRequest(baseUrl: string, token: string, media: OcrMedia): OcrHttpRequest {
  const endpoint = endpointUrl(baseUrl, OCR_PATH)
  if (media.kind === 'imgUrl') {
    const query = encodeQuery({ access_token: token, img_url: media.imgUrl })
    return { url: `${endpoint}?${query}`, init: { method: 'POST' } }
  }
  const form = new FormData()
  // A copy into a plain Uint8Array: Blob takes no Buffer from a pooled SharedArrayBuffer in the types.
  const blob = new Blob([new Uint8Array(media.bytes)], { type: media.contentType })
  form.append('img', blob, media.filename)
  return {
    url: `${endpoint}?${encodeQuery({ access_token: token })}`,
    init: { method: 'POST', body: form },
  }
}
