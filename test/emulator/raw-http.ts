// Requests no well-behaved client would send, written byte for byte on a loopback socket: malformed request
// lines, bodies cut short, headers that never end. Each helper resolves with what the server wrote back.
import net from 'node:net'

export interface RawExchange {
  /** Everything the server wrote before the socket closed (or the wait ended). */
  response: string
  /** The status code of the first response line, or undefined when none came. */
  status: number | undefined
}

function statusOf(response: string): number | undefined {
  const match = /^HTTP\/1\.[01] (\d{3})/.exec(response)
  return match === null ? undefined : Number(match[1])
}

/** Writes `head` and `body`, then reads until the server closes the socket or `waitMs` passes. */
export function rawExchange(
  port: number,
  head: string,
  body: Buffer = Buffer.alloc(0),
  waitMs = 5_000,
): Promise<RawExchange> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1')
    const chunks: Buffer[] = []
    const finish = () => {
      clearTimeout(timer)
      socket.destroy()
      const response = Buffer.concat(chunks).toString('latin1')
      resolve({ response, status: statusOf(response) })
    }
    const timer = setTimeout(finish, waitMs)
    socket.on('data', (chunk: Buffer) => chunks.push(chunk))
    // A server that refuses a body early may reset the socket while it is still being written.
    socket.on('error', finish)
    socket.on('close', finish)
    socket.write(head)
    if (body.length > 0) socket.write(body)
  })
}

/** A request head with the loopback Host header and `Connection: close`. */
export function head(
  requestLine: string,
  port: number,
  headers: Record<string, string | number> = {},
): string {
  const lines = [requestLine, `Host: 127.0.0.1:${port}`, 'Connection: close']
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`)
  return `${lines.join('\r\n')}\r\n\r\n`
}

/** A socket that sends part of a request and then nothing: the caller ends it. */
export function stalledRequest(port: number, partial: string): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.write(partial)
      resolve(socket)
    })
    socket.on('error', reject)
  })
}

/** JSON text nested `depth` levels deep: {"a":{"a":...}}. */
export function deepJson(depth: number): string {
  return `${'{"a":'.repeat(depth)}{}${'}'.repeat(depth)}`
}
