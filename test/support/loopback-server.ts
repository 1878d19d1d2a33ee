// A loopback HTTP server with fixed answers, standing in for the public image hosts that `img_url`
// points at. Tests of every layer (local cloud, HTTPS client, function, playground) share it.
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
