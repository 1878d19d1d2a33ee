// Loopback HTTP servers with fixed answers, standing in for the public image hosts that `img_url`
// points at, and an origin where nothing listens. Tests of every layer (local cloud, HTTPS client,
// function, playground) share them.
import http from 'node:http'
import type { AddressInfo } from 'node:net'

export interface ServedFile {
  status?: number
  /** Default image/png. */
  type?: string
  body: Buffer
}

export interface LoopbackServer {
  origin: string
  /** Every request's path and query, exactly as the server received them. */
  hits: string[]
  close(): Promise<void>
}

/** Answers each request with what `respond` gives for its raw path and query, or 404. */
export async function startLoopbackServer(
  respond: (rawUrl: string) => ServedFile | undefined,
): Promise<LoopbackServer> {
  const hits: string[] = []
  const server = http.createServer((req, res) => {
    const rawUrl = req.url ?? ''
    hits.push(rawUrl)
    const file = respond(rawUrl)
    if (file === undefined) {
      res.writeHead(404).end('not found')
      return
    }
    res.writeHead(file.status ?? 200, {
      'content-type': file.type ?? 'image/png',
      'content-length': file.body.length,
    })
    res.end(file.body)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    origin: `http://127.0.0.1:${port}`,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/** Serves `files` by request path exactly as received (`/a.png`), for `img_url` tests. */
export function serveFiles(files: Record<string, ServedFile>): Promise<LoopbackServer> {
  return startLoopbackServer((rawUrl) => files[rawUrl])
}

/** Answers every path with `body`, or 404 when the body is undefined. */
export function serveBody(body: Buffer | undefined): Promise<LoopbackServer> {
  return startLoopbackServer(() => (body === undefined ? undefined : { body }))
}

/** Serves `files` under (unencoded) names, each at `url(name)`. */
export async function serveNamedFiles(
  files: Record<string, ServedFile>,
): Promise<LoopbackServer & { url(name: string): string }> {
  const server = await startLoopbackServer((rawUrl) => files[decodeURIComponent(rawUrl.slice(1))])
  return { ...server, url: (name) => `${server.origin}/${encodeURIComponent(name)}` }
}

/** A loopback origin where nothing listens: connections to it are refused. */
export async function closedOrigin(): Promise<string> {
  const server = http.createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return `http://127.0.0.1:${port}`
}
