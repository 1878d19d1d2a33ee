// The pure parts: the quota day, the settings, the claim protocol and the counter, with an instant clock
// over the emulator's database (no wire, no waiting).
import { acquire, complete, release } from '../../src/cache/single-flight'
import { cacheSlotOf } from '../../src/cache/cache-key'
import { readFunctionEnv } from '../../src/function/env'
import { quotaConfigOf } from '../../src/function/config'
import { takeUnit } from '../../src/quota/counter'
import { quotaDay, quotaResetsAt } from '../../src/quota/day'
import type { OcrSuccess } from '../../src/reply/schema'
import { instantClock } from '../support/instant-clock'
import { localStore } from './local-store'

const REPLY: OcrSuccess = { ok: true, items: [], imgSize: { w: 1, h: 1 }, text: '' }
/** A claim good for 25 s and a wait of at most 18 s, from the instant clock's start. */
const START = instantClock().now()
const OPTIONS = { collection: 'c', staleAt: START + 25_000, waitUntil: START + 18_000 }

describe('quota day (Beijing time)', () => {
  it('changes at 16:00 UTC and names the next Beijing midnight', () => {
    expect(quotaDay(Date.parse('2024-05-01T15:59:59Z'))).toBe('2024-05-01')
    expect(quotaDay(Date.parse('2024-05-01T16:00:00Z'))).toBe('2024-05-02')
    expect(quotaResetsAt(Date.parse('2024-05-01T15:59:59Z'))).toBe('2024-05-02T00:00:00+08:00')
    expect(quotaResetsAt(Date.parse('2024-12-31T16:00:00Z'))).toBe('2025-01-02T00:00:00+08:00')
  })
})

const quotaConfigFromEnv = (env: NodeJS.ProcessEnv) => quotaConfigOf(readFunctionEnv(env).settings)

describe('quotaConfigOf', () => {
  it('has documented defaults and falls back from unreadable values', () => {
    const config = quotaConfigFromEnv({})
    expect(config).toMatchObject({
      collections: { cache: 'ocr_cache', counters: 'ocr_counters' },
      cacheTtlMs: 7 * 24 * 3600 * 1000,
      urlCacheTtlMs: undefined,
      userDailyLimit: 20,
      dailyBudget: 100,
    })
    expect(quotaConfigFromEnv({ OCR_USER_DAILY_LIMIT: 'ten' }).userDailyLimit).toBe(20)
  })

  it('keys URLs only when opted in, and bytes by their digest', () => {
    const config = quotaConfigFromEnv({})
    const url = { imgUrl: 'https://example.com/a.png', bytes: undefined }
    expect(cacheSlotOf(url, config)).toBeUndefined()
    const optedIn = quotaConfigFromEnv({ OCR_URL_CACHE_TTL_SECONDS: '60' })
    expect(cacheSlotOf(url, optedIn)?.key).toMatch(/^url-[0-9a-f]{64}$/)
    const img = { imgUrl: undefined, bytes: Buffer.from('abc') }
    expect(cacheSlotOf(img, config)?.key).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    )
  })
})

describe('single-flight claim', () => {
  it('gives the claim to one caller; a waiter gets the stored result', async () => {
    const store = localStore()
    const clock = instantClock()
    expect(await acquire(store, 'k', 'a', OPTIONS, clock)).toEqual({ kind: 'owner' })
    const waiting = acquire(store, 'k', 'b', OPTIONS, clock)
    await complete(store, 'c', 'k', REPLY, 60_000, clock.now())
    expect(await waiting).toEqual({ kind: 'hit', reply: REPLY, waited: true })
  })

  it('a waiter gives up after the wait budget while a fresh claim is held', async () => {
    const store = localStore()
    const clock = instantClock()
    await acquire(store, 'k', 'a', OPTIONS, clock)
    const started = clock.now()
    expect(await acquire(store, 'k', 'b', OPTIONS, clock)).toEqual({ kind: 'timeout' })
    expect(clock.now()).toBeLessThanOrEqual(OPTIONS.waitUntil)
    expect(clock.now()).toBeGreaterThan(started)
  })

  it('takes over a stale claim, and the old owner cannot release the new one', async () => {
    const store = localStore()
    const clock = instantClock()
    await acquire(store, 'k', 'a', OPTIONS, clock)
    clock.advance(OPTIONS.staleAt - clock.now() + 1)
    const later = { ...OPTIONS, waitUntil: clock.now() + 18_000 }
    expect(await acquire(store, 'k', 'b', later, clock)).toEqual({ kind: 'owner' })
    await release(store, 'c', 'k', 'a')
    expect(await store.get('c', 'k')).toMatchObject({ state: 'pending', owner: 'b' })
    await release(store, 'c', 'k', 'b')
    expect(await store.get('c', 'k')).toBeUndefined()
  })

  it('an expired entry is claimed again; an unreadable one is replaced', async () => {
    const store = localStore()
    const clock = instantClock()
    await complete(store, 'c', 'k', REPLY, 1000, clock.now())
    clock.advance(1001)
    expect(await acquire(store, 'k', 'a', OPTIONS, clock)).toEqual({ kind: 'owner' })
    await store.set('c', 'j', { state: 'done', reply: 'not a reply' })
    expect(await acquire(store, 'j', 'a', OPTIONS, clock)).toEqual({ kind: 'owner' })
  })
})

describe('counter', () => {
  it('never goes past its limit, even with 50 callers at once', async () => {
    const store = localStore()
    const counter = { collection: 'c', id: 'n', labels: { kind: 'user' } }
    const taken = await Promise.all(Array.from({ length: 50 }, () => takeUnit(store, counter, 7)))
    expect(taken.filter(Boolean)).toHaveLength(7)
    expect(await store.get('c', 'n')).toEqual({ kind: 'user', count: 7 })
  })
})
