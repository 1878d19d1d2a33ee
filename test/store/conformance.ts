// What every DocumentStore must do, written once and run against each store: the in-process one and
// Redis through both Node clients. The guard's single flight and counters rest on exactly this.
import { describe, expect, it } from '@jest/globals'
import type { DocumentStore } from '../../src/store/document-store'

export interface StoreUnderTest {
  store: DocumentStore
  /** Moves the store's clock on (or waits, for a store on a real clock). */
  advance(ms: number): Promise<void>
}

export function describeDocumentStore(name: string, make: () => StoreUnderTest): void {
  describe(`DocumentStore contract: ${name}`, () => {
    const reply = { items: [], text: '腾讯 WeChat', imgSize: { w: 2, h: 1 }, nested: [{ a: 1 }] }

    it('reads back what it stored, types and all, and nothing for a missing id', async () => {
      const { store } = make()
      expect(await store.get('c', 'missing')).toBeUndefined()
      expect(
        await store.insert('c', 'a', { state: 'done', n: 12.5, at: 1764480000123, reply }),
      ).toBe('inserted')
      expect(await store.get('c', 'a')).toEqual({
        state: 'done',
        n: 12.5,
        at: 1764480000123,
        reply,
      })
    })

    it('inserts an id once: a second insert is "exists" and changes nothing', async () => {
      const { store } = make()
      await store.insert('c', 'a', { owner: 'first' })
      expect(await store.insert('c', 'a', { owner: 'second' })).toBe('exists')
      expect(await store.get('c', 'a')).toEqual({ owner: 'first' })
    })

    it('lets exactly one of 20 simultaneous inserts of one id win', async () => {
      const { store } = make()
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => store.insert('c', 'race', { owner: `o${i}` })),
      )
      expect(results.filter((r) => r === 'inserted')).toHaveLength(1)
    })

    it('keeps collections apart', async () => {
      const { store } = make()
      await store.insert('one', 'a', { v: 1 })
      expect(await store.get('two', 'a')).toBeUndefined()
      expect(await store.insert('two', 'a', { v: 2 })).toBe('inserted')
      expect(await store.get('one', 'a')).toEqual({ v: 1 })
    })

    it('set replaces the whole document', async () => {
      const { store } = make()
      await store.insert('c', 'a', { state: 'pending', owner: 'x' })
      await store.set('c', 'a', { state: 'done', reply })
      expect(await store.get('c', 'a')).toEqual({ state: 'done', reply })
    })

    it('updateIf applies set and inc only when every condition holds', async () => {
      const { store } = make()
      await store.insert('c', 'a', { state: 'pending', owner: 'x', claimedAt: 100, count: 2 })
      const change = { set: { owner: 'y' }, inc: { count: 1 } }
      expect(
        await store.updateIf('c', 'a', [{ field: 'owner', op: 'eq', value: 'z' }], change),
      ).toBe(false)
      expect(
        await store.updateIf(
          'c',
          'a',
          [
            { field: 'owner', op: 'eq', value: 'x' },
            { field: 'claimedAt', op: 'eq', value: 100 },
            { field: 'count', op: 'lt', value: 3 },
          ],
          change,
        ),
      ).toBe(true)
      expect(await store.get('c', 'a')).toEqual({
        state: 'pending',
        owner: 'y',
        claimedAt: 100,
        count: 3,
      })
    })

    it.each([
      ['lt', 5, 5, false],
      ['lt', 4, 5, true],
      ['lte', 5, 5, true],
      ['lte', 6, 5, false],
      ['gt', 6, 5, true],
      ['gt', 5, 5, false],
    ] as const)(
      'compares numbers: %s (stored %d, limit %d) -> %s',
      async (op, stored, value, holds) => {
        const { store } = make()
        await store.insert('c', 'a', { count: stored })
        expect(await store.updateIf('c', 'a', [{ field: 'count', op, value }], {})).toBe(holds)
      },
    )

    it('never satisfies a comparison with a missing field or a value of another type', async () => {
      const { store } = make()
      await store.insert('c', 'a', { text: '4', count: 1 })
      for (const op of ['lt', 'lte', 'gt'] as const) {
        expect(await store.updateIf('c', 'a', [{ field: 'nope', op, value: 5 }], {})).toBe(false)
        expect(await store.updateIf('c', 'a', [{ field: 'text', op, value: 5 }], {})).toBe(false)
      }
      expect(await store.updateIf('c', 'a', [{ field: 'count', op: 'eq', value: '1' }], {})).toBe(
        false,
      )
    })

    it('updates and removes nothing that does not exist', async () => {
      const { store } = make()
      expect(await store.updateIf('c', 'none', [], { inc: { count: 1 } })).toBe(false)
      expect(await store.removeIf('c', 'none', [])).toBe(false)
      expect(await store.get('c', 'none')).toBeUndefined()
    })

    it('starts an increment of a missing field at 0', async () => {
      const { store } = make()
      await store.insert('c', 'a', { day: '2026-11-30' })
      expect(await store.updateIf('c', 'a', [], { inc: { count: 1 } })).toBe(true)
      expect(await store.get('c', 'a')).toEqual({ day: '2026-11-30', count: 1 })
    })

    it('never overshoots a counter taken by 50 callers at once', async () => {
      const { store } = make()
      await store.insert('c', 'n', { count: 0 })
      const below = [{ field: 'count', op: 'lt', value: 10 }] as const
      const taken = await Promise.all(
        Array.from({ length: 50 }, () => store.updateIf('c', 'n', below, { inc: { count: 1 } })),
      )
      expect(taken.filter(Boolean)).toHaveLength(10)
      expect(await store.get('c', 'n')).toEqual({ count: 10 })
    })

    it('removeIf removes only when the conditions hold', async () => {
      const { store } = make()
      await store.insert('c', 'a', { state: 'pending', owner: 'x' })
      expect(await store.removeIf('c', 'a', [{ field: 'owner', op: 'eq', value: 'y' }])).toBe(false)
      expect(await store.get('c', 'a')).toBeDefined()
      expect(await store.removeIf('c', 'a', [{ field: 'owner', op: 'eq', value: 'x' }])).toBe(true)
      expect(await store.get('c', 'a')).toBeUndefined()
      expect(await store.insert('c', 'a', { owner: 'next' })).toBe('inserted')
    })

    it('forgets a document when its own expiresAt passes, and keeps the others', async () => {
      const { store, advance } = make()
      const soon = Date.now() + 300
      await store.insert('c', 'cached', { state: 'done', expiresAt: soon })
      await store.insert('c', 'counter', { count: 1 })
      expect(await store.get('c', 'cached')).toBeDefined()
      await advance(1000)
      expect(await store.get('c', 'cached')).toBeUndefined()
      expect(await store.get('c', 'counter')).toEqual({ count: 1 })
      expect(await store.insert('c', 'cached', { state: 'pending' })).toBe('inserted')
    })
  })
}
