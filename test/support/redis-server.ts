// A real redis-server (Debian's, installed by .ci/run) on a free loopback port, with no persistence, for
// the tests of the shared store. It is started by the test that needs it and stopped with it.
import { spawn, type ChildProcess } from 'node:child_process'
import net from 'node:net'
import type { AddressInfo } from 'node:net'

export interface RedisServer {
  port: number
  url: string
  /** Stops the server (SIGTERM) and waits for it to exit. */
  stop(): Promise<void>
  /** Starts it again on the same port, empty, after `stop`. */
  restart(): Promise<void>
}

async function freePort(): Promise<number> {
  const server = net.createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

async function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1')
    socket.once('error', () => resolve(false))
    socket.once('connect', () => socket.write('PING\r\n'))
    socket.once('data', (data) => {
      socket.destroy()
      resolve(data.toString().startsWith('+PONG'))
    })
  })
}

function launch(port: number): ChildProcess {
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no']
  // Debian's redis-server; a missing binary must fail the test, not skip it.
  return spawn('redis-server', args, { stdio: ['ignore', 'ignore', 'pipe'] })
}

async function waitReady(child: ChildProcess, port: number): Promise<void> {
  let failure: Error | undefined
  child.once('error', (error) => (failure = error))
  for (let i = 0; i < 100; i++) {
    if (failure !== undefined) throw new Error(`redis-server did not start: ${failure.message}`)
    if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}`)
    if (await answersPing(port)) return
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error(`redis-server did not answer on port ${port}`)
}

export async function startRedisServer(): Promise<RedisServer> {
  const port = await freePort()
  let child = launch(port)
  await waitReady(child, port)
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
    child.kill('SIGTERM')
    await exited
  }
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    stop,
    async restart() {
      await stop()
      child = launch(port)
      await waitReady(child, port)
    },
  }
}
