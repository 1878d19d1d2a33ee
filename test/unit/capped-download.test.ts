// The capped download holds at most the limit plus one byte, whether or not the server declares a size.
import http from 'node:http'
import type { AddressInfo } from 'node:net'

import { downloadCapped } from '../../src/transport/capped-download'

const LIMIT = 1000
let server: http.Server
let origin: string

/** How a response of the server ended: whether it wrote all it meant to, and how many bytes it wrote. */
interface ResponseEnd {
  finished: boolean
  written: number
}
/** Per path, the end of the latest response: settled when its connection closes, whoever closed it. */
const ended = new Map<
  string,
  { promise: Promise<ResponseEnd>; resolve: (end: ResponseEnd) => void }
>()
function endOf(path: string): Promise<ResponseEnd> {
  let entry = ended.get(path)
  if (entry === undefined) {
    let resolve: (end: ResponseEnd) => void = () => undefined
    const promise = new Promise<ResponseEnd>((settle) => (resolve = settle))
    entry = { promise, resolve }
    ended.set(path, entry)
  }
  return entry.promise
}

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const path = req.url ?? ''
    if (path === '/gone') return void res.writeHead(404).end()
    if (path === '/declared') {
      res.writeHead(200, { 'content-length': 50 * LIMIT })
      return void res.end(Buffer.alloc(50 * LIMIT))
    }
    // Chunked, no declared size: a stream that would go on for 10 MB.
    res.writeHead(200)
    const size = path === '/small' ? LIMIT : 10 * 1024 * 1024
    let sent = 0
    const pump = (): void => {
      while (sent < size) {
        const chunk = Buffer.alloc(Math.min(4096, size - sent), 1)
        sent += chunk.length
        if (!res.write(chunk)) return void res.once('drain', pump)
      }
      res.end()
    }
    void endOf(path)
    res.on('close', () =>
      ended.get(path)?.resolve({ finished: res.writableFinished, written: sent }),
    )
    res.on('error', () => undefined)
    pump()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(async () => {
  server.closeAllConnections()
  await new Promise<void>((resolve) => server.close(() => resolve()))
})

test('a file at the limit is read whole', async () => {
  const file = await downloadCapped(`${origin}/small`, LIMIT, 5000)
  expect(file.kind === 'bytes' && file.bytes.length).toBe(LIMIT)
})

test('a declared size over the limit is refused before the body is read', async () => {
  expect(await downloadCapped(`${origin}/declared`, LIMIT, 5000)).toEqual({
    kind: 'too-large',
    atLeastBytes: 50 * LIMIT,
  })
})

test('an undeclared stream is cut once it passes the limit', async () => {
  // Act
  const file = await downloadCapped(`${origin}/stream`, LIMIT, 5000)
  const serverSide = await endOf('/stream')
  // Assess: the client hung up (the connection closed before the server could push its 10 MB).
  expect(file.kind).toBe('too-large')
  expect(file.kind === 'too-large' && file.atLeastBytes).toBeGreaterThan(LIMIT)
  expect(serverSide.finished).toBe(false)
  expect(serverSide.written).toBeLessThan(10 * 1024 * 1024)
})

test('a file gone from storage is missing', async () => {
  expect(await downloadCapped(`${origin}/gone`, LIMIT, 5000)).toEqual({ kind: 'missing' })
})

test('a refused connection rejects with its socket code, for the shared classifier', async () => {
  const closed = http.createServer()
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
  const { port } = closed.address() as AddressInfo
  await new Promise<void>((resolve) => closed.close(() => resolve()))
  await expect(downloadCapped(`http://127.0.0.1:${port}/x`, LIMIT, 5000)).rejects.toMatchObject({
    code: 'ECONNREFUSED',
  })
})
