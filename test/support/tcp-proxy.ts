// A TCP proxy on loopback in front of a server (Redis in the tests), which a test can slow down or
// freeze. Frozen, it still accepts connections and takes every byte a client sends, but forwards nothing
// and answers nothing: a server that hangs, which no connection error ever reports.
import net from 'node:net'
import type { AddressInfo } from 'node:net'
import { EventEmitter } from 'node:events'

export type ProxyMode = { kind: 'pass' } | { kind: 'slow'; delayMs: number } | { kind: 'frozen' }

export interface TcpProxy {
  port: number
  /** How the next bytes, either way, are carried; existing connections follow the change. */
  set(mode: ProxyMode): void
  /** Emits 'swallowed' each time bytes from a client are taken and dropped while frozen. */
  events: EventEmitter
  close(): Promise<void>
}

export async function startTcpProxy(targetPort: number): Promise<TcpProxy> {
  let mode: ProxyMode = { kind: 'pass' }
  const events = new EventEmitter()
  const sockets = new Set<net.Socket>()
  const carry = (to: net.Socket) => (chunk: Buffer) => {
    if (mode.kind === 'frozen') return
    if (mode.kind === 'pass') {
      to.write(chunk)
      return
    }
    setTimeout(() => to.writable && to.write(chunk), mode.delayMs)
  }
  const server = net.createServer((client) => {
    const upstream = net.connect(targetPort, '127.0.0.1')
    for (const socket of [client, upstream]) {
      sockets.add(socket)
      socket.on('close', () => sockets.delete(socket))
      socket.on('error', () => undefined)
    }
    client.on('data', (chunk: Buffer) => {
      if (mode.kind === 'frozen') events.emit('swallowed', chunk.length)
      carry(upstream)(chunk)
    })
    upstream.on('data', carry(client))
    client.on('close', () => upstream.destroy())
    upstream.on('close', () => client.destroy())
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    port,
    set: (next) => (mode = next),
    events,
    close: async () => {
      for (const socket of sockets) socket.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
