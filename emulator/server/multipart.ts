// A small multipart/form-data parser that keeps every part as bytes. Node's own Request#formData() decodes
// a part without a filename as UTF-8 text, and wx-server-sdk sends the binary protobuf `requestData` exactly
// like that (form-data appends a Buffer with no filename), so the built-in parser would corrupt it.

export interface MultipartPart {
  name: string
  filename: string | undefined
  contentType: string | undefined
  data: Buffer
}

export class MultipartError extends Error {
  override readonly name = 'MultipartError'
}

/** The boundary from a Content-Type header, or undefined when it is not multipart/form-data. */
export function multipartBoundary(contentType: string | undefined): string | undefined {
  if (contentType === undefined || !/^multipart\/form-data\b/i.test(contentType)) return undefined
  const match = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType)
  return match?.[1] ?? match?.[2]
}

function headerParam(header: string, param: string): string | undefined {
  const match = new RegExp(`;\\s*${param}="([^"]*)"`, 'i').exec(header)
  if (match) return match[1]
  const bare = new RegExp(`;\\s*${param}=([^;\\s]+)`, 'i').exec(header)
  return bare?.[1]
}

function parsePart(raw: Buffer): MultipartPart {
  const headerEnd = raw.indexOf('\r\n\r\n')
  if (headerEnd < 0) throw new MultipartError('multipart part without a header block')
  const headers = new Map<string, string>()
  for (const line of raw.subarray(0, headerEnd).toString('utf8').split('\r\n')) {
    const colon = line.indexOf(':')
    if (colon > 0)
      headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim())
  }
  const disposition = headers.get('content-disposition')
  const name = disposition === undefined ? undefined : headerParam(disposition, 'name')
  if (disposition === undefined || name === undefined) {
    throw new MultipartError('multipart part without a form-data name')
  }
  return {
    name,
    filename: headerParam(disposition, 'filename'),
    contentType: headers.get('content-type'),
    data: raw.subarray(headerEnd + 4),
  }
}

/** Splits a multipart body into parts; throws MultipartError when the framing is broken. */
export function parseMultipart(body: Buffer, boundary: string): MultipartPart[] {
  const delimiter = Buffer.from(`--${boundary}`)
  let cursor = body.indexOf(delimiter)
  if (cursor < 0) throw new MultipartError('multipart body without its boundary')
  const parts: MultipartPart[] = []
  for (;;) {
    cursor += delimiter.length
    // "--" right after a delimiter closes the body.
    if (body[cursor] === 0x2d && body[cursor + 1] === 0x2d) return parts
    if (body[cursor] !== 0x0d || body[cursor + 1] !== 0x0a) {
      throw new MultipartError('multipart delimiter not followed by CRLF')
    }
    const start = cursor + 2
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), start)
    if (next < 0) throw new MultipartError('multipart body ends inside a part')
    parts.push(parsePart(body.subarray(start, next)))
    cursor = next + 2
  }
}

/** Finds the first part with that name. */
export function findPart(parts: readonly MultipartPart[], name: string): MultipartPart | undefined {
  return parts.find((part) => part.name === name)
}
