// The HTTPS client's budget on a real Redis behind a loopback TCP proxy that is first slow, then frozen
// (it accepts the commands and never answers). Slow, the budget counts exactly. Frozen, a call costs one
// store deadline (the client's clock decides when it passes, so no test waits for it), is refused with
// BUDGET_UNCHECKED without spending, and after repeated failures the breaker skips Redis: a call then
// does not touch it at all. The budget is never overrun. Before, each operation waited its own 3 s.
import { once } from 'node:events'

import IORedis from 'ioredis'

import {
  createPrintedTextClient,
  createRedisStore,
  StoreBreaker,
  type RecognizeLogLine,
} from '../../src/https'
import { STORE_SHARE_OF_REMAINING } from '../../src/quota/claim-timing'
import { DEFAULT_RETRY_POLICY } from '../../src/retry/policy'
import { DEFAULT_BREAKER_RULE } from '../../src/store/store-breaker'
import { logSink, testCredentials } from '../support/https-client'
import { pngImage } from '../support/images/formats'
import { instantClock } from '../support/instant-clock'
import { startTestCloud, type TestCloud } from '../support/local-cloud'
import { startRedisServer, type RedisServer } from '../support/redis-server'
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy'

interface PendingDeadline {
  ms: number
  expire(): void
}

/** An instant clock whose deadlines pass only when the test says; each one is handed to the test. */
function manualDeadlineClock() {
  const clock = instantClock()
  const requested: PendingDeadline[] = []
  const waiters: ((deadline: PendingDeadline) => void)[] = []
  return Object.assign(clock, {
    requested,
    /** The next deadline a store operation asks for (one already asked for and not yet handed out). */
    nextDeadline(): Promise<PendingDeadline> {
      return new Promise((resolve) => waiters.push(resolve))
    },
    timeout(ms: number, signal: AbortSignal): Promise<void> {
      return new Promise<void>((resolve) => {
        const deadline = {
          ms,
          expire: () => {
            clock.advance(ms)
            resolve()
          },
        }
        if (signal.aborted) return
        requested.push(deadline)
        waiters.shift()?.(deadline)
      })
    },
  })
}

const credentials = testCredentials()
const BUDGET = 3
let t: TestCloud
let redis: RedisServer
let proxy: TcpProxy
let io: IORedis

beforeEach(async () => {
  t = await startTestCloud({ quiet: true, credentials, dailyQuota: 1000 })
  redis = await startRedisServer()
  proxy = await startTcpProxy(redis.port)
  io = new IORedis(proxy.port, '127.0.0.1', { lazyConnect: true })
  io.on('error', () => undefined)
  await io.connect()
})
afterEach(async () => {
  io.disconnect()
  await proxy.close()
  await redis.stop()
  await t.stop()
})

const platformCalls = (): number => t.cloud.requests.count('ocr-https')

it('slow, then frozen: one deadline per call, the breaker opens, the budget holds', async () => {
  // Prepare
  const clock = manualDeadlineClock()
  const warnings: Record<string, unknown>[] = []
  const storeBreaker = new StoreBreaker({ now: () => clock.now(), warn: (l) => warnings.push(l) })
  const log = logSink()
  const ocr = createPrintedTextClient({
    ...credentials,
    baseUrl: t.cloud.origin,
    clock,
    store: createRedisStore({ client: io }),
    dailyBudget: BUDGET,
    storeBreaker,
    logger: log.logger,
  })
  const images = await Promise.all(Array.from({ length: 10 }, (_, i) => pngImage(350 + i, 160)))
  const image = (i: number): Buffer => images[i] ?? Buffer.alloc(0)
  const storeBudgetMs = DEFAULT_RETRY_POLICY.budgetMs * STORE_SHARE_OF_REMAINING

  // Act 1: slow Redis (every answer 30 ms late), five new images at once against a budget of 3.
  proxy.set({ kind: 'slow', delayMs: 30 })
  const slow = await Promise.all([0, 1, 2, 3, 4].map((i) => ocr.recognize({ img: image(i) })))
  // Assess 1: counted exactly; no deadline passed.
  const slowCodes = slow.map((reply) => (reply.ok ? 'ok' : reply.error.code)).sort()
  expect(slowCodes).toEqual(['QUOTA_BUDGET_REACHED', 'QUOTA_BUDGET_REACHED', 'ok', 'ok', 'ok'])
  expect(platformCalls()).toBe(BUDGET)

  // Act 2: frozen Redis; each call's first command reaches the proxy and is never answered, and the
  // call waits on the deadline that operation asked for.
  proxy.set({ kind: 'frozen' })
  const askedBeforeFreeze = clock.requested.length
  const order: string[] = []
  const frozenReplies = []
  for (let call = 0; call < DEFAULT_BREAKER_RULE.failures; call++) {
    const asked = clock.requested.length
    const deadline = clock.nextDeadline()
    const sent = once(proxy.events, 'swallowed')
    const reply = ocr.recognize({ img: image(5 + call) }).then((value) => {
      order.push(`reply ${call}`)
      return value
    })
    const pending = await deadline
    await sent
    order.push(`deadline ${call}: ${pending.ms} ms`)
    pending.expire()
    frozenReplies.push(await reply)
    expect(clock.requested.length - asked).toBe(1)
  }
  const whileOpen = await ocr.recognize({ img: image(8) })
  // Assess 2
  expect(order).toEqual(
    [0, 1, 2].flatMap((call) => [`deadline ${call}: ${storeBudgetMs} ms`, `reply ${call}`]),
  )
  for (const reply of [...frozenReplies, whileOpen]) {
    expect(reply).toMatchObject({ ok: false, error: { code: 'BUDGET_UNCHECKED', retryable: true } })
  }
  expect(storeBreaker.state).toBe('open')
  expect(warnings.filter((line) => line.msg === 'store breaker open')).toHaveLength(1)
  expect(clock.requested.length - askedBeforeFreeze).toBe(DEFAULT_BREAKER_RULE.failures)
  expect(platformCalls()).toBe(BUDGET)
  const lines = log.lines.filter((line): line is RecognizeLogLine => line.event === 'recognize')
  expect(lines.at(-1)?.storeErrors).toEqual(['cache.acquire: skipped', 'limit.account: skipped'])
  expect(lines.at(-2)?.storeErrors).toEqual(['cache.acquire: timeout', 'limit.account: timeout'])
}, 60_000)
