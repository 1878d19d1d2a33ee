import dns from 'node:dns'
import net from 'node:net'

// eslint-disable-next-line @typescript-eslint/no-require-imports
const guard = require('../support/loopback-only.cjs') as {
  violations: string[]
  isLoopbackHost: (h: string | undefined) => boolean
}

describe('loopback-only guard', () => {
  afterEach(() => {
    // These tests provoke violations on purpose; clear them so the file-level check judges the rest.
    guard.violations.length = 0
  })

  it('refuses a lookup of an outside host', async () => {
    const err = await new Promise<NodeJS.ErrnoException | null>((resolve) =>
      dns.lookup('metadata.tencentyun.com', (e) => resolve(e)),
    )
    expect(err?.code).toBe('ENONLOOPBACK')
    expect(guard.violations).toEqual(['dns.lookup(metadata.tencentyun.com)'])
  })

  it('refuses a connection to an outside address', async () => {
    const err = await new Promise<NodeJS.ErrnoException>((resolve) => {
      const socket = net.connect(80, '10.1.2.3')
      socket.on('error', resolve)
    })
    expect(err.code).toBe('ENONLOOPBACK')
  })

  it('refuses fetch to an outside host', async () => {
    await expect(fetch('http://api.weixin.qq.com/')).rejects.toThrow()
    expect(guard.violations.length).toBeGreaterThan(0)
  })

  it('allows loopback', async () => {
    const server = net.createServer((s) => s.end('hi'))
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    const { port } = server.address() as net.AddressInfo
    const data = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(port, 'localhost')
      socket.on('data', (d) => resolve(d.toString()))
      socket.on('error', reject)
    })
    server.close()
    expect(data).toBe('hi')
    expect(guard.isLoopbackHost('127.0.0.1')).toBe(true)
    expect(guard.isLoopbackHost('[::1]')).toBe(true)
    expect(guard.isLoopbackHost('example.com')).toBe(false)
  })
})
