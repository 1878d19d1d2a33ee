// The DocumentStore contract against every store the library ships: in memory, and Redis (a real
// redis-server) through ioredis and through node-redis.
import { afterAll, beforeAll, beforeEach } from '@jest/globals'
import IORedis from 'ioredis'
import { createClient } from 'redis'
import { createMemoryStore } from '../../src/store/memory-store'
import { createRedisStore } from '../../src/store/redis-store'
import { startRedisServer, type RedisServer } from '../support/redis-server'
import { describeDocumentStore } from './conformance'

let clock = Date.now()
describeDocumentStore('memory', () => {
  clock = Date.now()
  return {
    store: createMemoryStore({ now: () => clock }),
    advance: async (ms) => {
      clock += ms
    },
  }
})

let redis: RedisServer
let io: IORedis
let node: ReturnType<typeof createClient>
let prefix = 0
beforeAll(async () => {
  redis = await startRedisServer()
  io = new IORedis(redis.port, '127.0.0.1', { lazyConnect: true })
  await io.connect()
  node = createClient({ url: redis.url })
  await node.connect()
})
afterAll(async () => {
  io.disconnect()
  await node.quit()
  await redis.stop()
})
beforeEach(() => {
  prefix += 1
})

// Redis keeps its own time, so expiry is waited for, not simulated.
const realWait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

describeDocumentStore('redis via ioredis', () => ({
  store: createRedisStore({ client: io, keyPrefix: `t${prefix}:` }),
  advance: realWait,
}))

describeDocumentStore('redis via node-redis', () => ({
  store: createRedisStore({ client: node, keyPrefix: `t${prefix}:` }),
  advance: realWait,
}))
