// A budget or limit the store cannot check spends nothing: the call answers the retryable
// BUDGET_UNCHECKED, unless the team chose to spend anyway (OCR_BUDGET_UNCHECKED=spend). The cache stays
// fail-open. A frozen store costs a call one deadline for all its operations, and after repeated
// failures the breaker skips the store (said once) until a probe finds it back.
import { ERROR_CATALOG } from '../../src/errors/catalog'
import { STORE_SHARE_OF_REMAINING } from '../../src/quota/claim-timing'
import { DEFAULT_RETRY_POLICY } from '../../src/retry/policy'
import type { DocumentStore } from '../../src/store/document-store'
import { createMemoryStore } from '../../src/store/memory-store'
import { DEFAULT_BREAKER_RULE } from '../../src/store/store-breaker'
import { guardedHandler } from '../support/guarded-handler'
import { createInMemoryPort } from '../support/in-memory-port'
import { pngImage } from '../support/images/formats'
import { instantClock } from '../support/instant-clock'

/** A store every operation of which fails at once; `reached` counts the operations it was asked. */
function brokenStore(): DocumentStore & { reached: number } {
  const store = {
    reached: 0,
    fail: async (): Promise<never> => {
      store.reached++
      throw Object.assign(new Error('database unavailable'), { errCode: -502001 })
    },
  }
  return Object.assign(store, {
    get: store.fail,
    insert: store.fail,
    set: store.fail,
    updateIf: store.fail,
    removeIf: store.fail,
  })
}

/** A store that takes every operation and never answers, as a frozen Redis or database does. */
function frozenStore(): DocumentStore & { reached: number } {
  const store = { reached: 0 }
  const hang = (): Promise<never> => {
    store.reached++
    return new Promise<never>(() => undefined)
  }
  return Object.assign(store, {
    get: hang,
    insert: hang,
    set: hang,
    updateIf: hang,
    removeIf: hang,
  })
}

/**
 * An instant clock whose deadlines are recorded and pass as soon as nothing else is ready to run (a
 * store that answers does so first; one that never answers meets its deadline without a real wait).
 */
/**
 * An instant clock whose deadlines pass one event-loop turn after they are set, recording each one;
 * deadlines of `neverPasses` ms wait until they are called off (the invocation's answer deadline, where
 * a test is about the store's).
 */
function deadlineClock(neverPasses?: number) {
  const clock = instantClock()
  const deadlines: number[] = []
  return Object.assign(clock, {
    deadlines,
    async timeout(ms: number, signal: AbortSignal) {
      deadlines.push(ms)
      if (ms === neverPasses) {
        if (!signal.aborted)
          await new Promise((resolve) => signal.addEventListener('abort', resolve))
        return
      }
      await new Promise((resolve) => setImmediate(resolve))
      if (!signal.aborted) clock.advance(ms)
    },
  })
}

const imgEvent = async (width = 320) => ({
  img: { contentType: 'image/png', value: (await pngImage(width, 160)).toString('base64') },
})

describe('a store that fails', () => {
  it.each([
    ['the defaults (budget 100, user limit 20)', {}],
    ['a budget only', { OCR_USER_DAILY_LIMIT: '0', OCR_DAILY_BUDGET: '31' }],
    ['a user limit only', { OCR_USER_DAILY_LIMIT: '5', OCR_DAILY_BUDGET: '0' }],
  ])('with %s: BUDGET_UNCHECKED, retryable, no platform call', async (_, env) => {
    // Prepare
    const port = createInMemoryPort()
    const { handler, logs } = guardedHandler(port, brokenStore(), env)
    // Act
    const reply = await handler(await imgEvent())
    // Assess
    expect(reply).toMatchObject({
      ok: false,
      error: {
        code: 'BUDGET_UNCHECKED',
        retryable: true,
        userMessage: ERROR_CATALOG.BUDGET_UNCHECKED.userMessage,
      },
    })
    expect(port.calls).toHaveLength(0)
    expect(logs[0]).toMatchObject({ outcome: 'BUDGET_UNCHECKED', cache: 'error' })
    expect(logs[0]?.storeErrors).toContain('cache.acquire: -502001')
  })

  it('with OCR_BUDGET_UNCHECKED=spend: the call goes out uncounted, and the log says why', async () => {
    // Prepare
    const port = createInMemoryPort()
    const env = { OCR_BUDGET_UNCHECKED: 'spend' }
    const { handler, logs } = guardedHandler(port, brokenStore(), env)
    // Act
    const reply = await handler(await imgEvent())
    // Assess
    expect(reply).toMatchObject({ ok: true })
    expect(port.calls).toHaveLength(1)
    expect(logs[0]?.storeErrors).toEqual(
      expect.arrayContaining(['limit.user: -502001', 'limit.account: -502001']),
    )
  })

  it('with no budget and no limit: the cache fails open, the call is made', async () => {
    // Prepare
    const port = createInMemoryPort()
    const env = { OCR_USER_DAILY_LIMIT: '0', OCR_DAILY_BUDGET: '0' }
    const { handler, logs } = guardedHandler(port, brokenStore(), env)
    // Act
    const reply = await handler(await imgEvent())
    // Assess
    expect(reply).toMatchObject({ ok: true })
    expect(port.calls).toHaveLength(1)
    expect(logs[0]).toMatchObject({ cache: 'error', outcome: 'ok' })
  })

  it('an unusable OCR_BUDGET_UNCHECKED is warned about and refuses, the default', async () => {
    // Prepare
    const port = createInMemoryPort()
    const { handler } = guardedHandler(port, brokenStore(), { OCR_BUDGET_UNCHECKED: 'yes' })
    // Act
    const reply = await handler(await imgEvent())
    // Assess
    expect(reply).toMatchObject({ ok: false, error: { code: 'BUDGET_UNCHECKED' } })
    expect(port.calls).toHaveLength(0)
  })
})

describe('a store that never answers', () => {
  it('costs a call one deadline for all its operations, then refuses with BUDGET_UNCHECKED', async () => {
    // Prepare
    const port = createInMemoryPort()
    const store = frozenStore()
    const clock = deadlineClock()
    const { handler, logs } = guardedHandler(port, store, {}, clock)
    // Act
    const reply = await handler(await imgEvent())
    // Assess: the first operation waited the call's whole store budget (a quarter of its 18 s retry
    // budget, without a time limit); none after it was sent.
    expect(clock.deadlines).toEqual([DEFAULT_RETRY_POLICY.budgetMs * STORE_SHARE_OF_REMAINING])
    expect(store.reached).toBe(1)
    expect(reply).toMatchObject({ ok: false, error: { code: 'BUDGET_UNCHECKED' } })
    expect(port.calls).toHaveLength(0)
    expect(logs[0]?.storeErrors).toEqual(['cache.acquire: timeout', 'limit.user: timeout'])
  })

  it("fits the deadline into a short invocation's own time", async () => {
    // Prepare: a 3 s limit keeps a 500 ms margin; the store gets a quarter of the 2.5 s left. The
    // answer's own deadline (250 ms before the limit) does not come: the store's is under test.
    const port = createInMemoryPort()
    const clock = deadlineClock(2750)
    const { handler } = guardedHandler(port, frozenStore(), {}, clock)
    // Act
    const reply = await handler(await imgEvent(), { time_limit_in_ms: 3000 })
    // Assess: the answer's deadline was set, then the store's, which passed.
    expect([...clock.deadlines].sort((a, b) => a - b)).toEqual([625, 2750])
    expect(reply).toMatchObject({ ok: false, error: { code: 'BUDGET_UNCHECKED' } })
  })

  it('opens the breaker after repeated failures (said once), skips the store, then probes it', async () => {
    // Prepare
    const port = createInMemoryPort()
    const store = frozenStore()
    const clock = deadlineClock()
    const { handler, warnings } = guardedHandler(port, store, {}, clock)
    const event = await imgEvent()
    // Act: each call spends one deadline, until the breaker opens.
    for (let call = 0; call < DEFAULT_BREAKER_RULE.failures; call++) await handler(event)
    const reachedWhenOpened = store.reached
    const whileOpen = await handler(event)
    const deadlinesWhileOpen = clock.deadlines.length
    clock.advance(DEFAULT_BREAKER_RULE.openMs)
    const probe = await handler(event)
    // Assess
    expect(reachedWhenOpened).toBe(DEFAULT_BREAKER_RULE.failures)
    expect(whileOpen).toMatchObject({ ok: false, error: { code: 'BUDGET_UNCHECKED' } })
    expect(deadlinesWhileOpen).toBe(DEFAULT_BREAKER_RULE.failures)
    expect(store.reached).toBe(DEFAULT_BREAKER_RULE.failures + 1)
    expect(probe).toMatchObject({ ok: false, error: { code: 'BUDGET_UNCHECKED' } })
    expect(warnings.filter((line) => line.msg === 'store breaker open')).toHaveLength(1)
    expect(port.calls).toHaveLength(0)
  })

  it('a store back after the pause closes the breaker, and calls are counted again', async () => {
    // Prepare: a store that is frozen until `thaw`, then a working one.
    const port = createInMemoryPort()
    const working = createMemoryStore()
    const frozen = frozenStore()
    let thawed = false
    const store: DocumentStore = {
      get: (...args) => (thawed ? working.get(...args) : frozen.get(...args)),
      insert: (...args) => (thawed ? working.insert(...args) : frozen.insert(...args)),
      set: (...args) => (thawed ? working.set(...args) : frozen.set(...args)),
      updateIf: (...args) => (thawed ? working.updateIf(...args) : frozen.updateIf(...args)),
      removeIf: (...args) => (thawed ? working.removeIf(...args) : frozen.removeIf(...args)),
    }
    const clock = deadlineClock()
    const { handler, warnings } = guardedHandler(port, store, { OCR_DAILY_BUDGET: '1' }, clock)
    for (let call = 0; call < DEFAULT_BREAKER_RULE.failures; call++) {
      await handler(await imgEvent(300 + call))
    }
    // Act
    thawed = true
    clock.advance(DEFAULT_BREAKER_RULE.openMs)
    const first = await handler(await imgEvent(400))
    const overBudget = await handler(await imgEvent(401))
    // Assess
    expect(first).toMatchObject({ ok: true })
    expect(overBudget).toMatchObject({ ok: false, error: { code: 'QUOTA_BUDGET_REACHED' } })
    expect(port.calls).toHaveLength(1)
    expect(warnings.map((line) => line.msg)).toEqual(['store breaker open', 'store breaker closed'])
  })
})
