// The DocumentStore of one process: the HTTPS client's default when no shared store is given. Every
// operation is synchronous inside, so each conditional write is atomic for the callers of this process.
// Documents are copied in and out, so a caller can never change what another one reads.
import { meetsConditions } from './conditions'
import type { DocumentStore } from './document-store'
import { expiryOf, type ExpiryOptions } from './expiry'

interface Held {
  doc: Record<string, unknown>
  expiresAtMs: number
}

export interface MemoryStoreOptions extends Partial<ExpiryOptions> {
  /** The time the expiry is read against; injectable for tests. */
  now?: () => number
}

export function createMemoryStore(options: MemoryStoreOptions = {}): DocumentStore {
  const now = options.now ?? Date.now
  const held = new Map<string, Held>()
  const keyOf = (collection: string, id: string): string => `${collection}\u0000${id}`

  const live = (key: string): Held | undefined => {
    const entry = held.get(key)
    if (entry === undefined) return undefined
    if (entry.expiresAtMs > now()) return entry
    held.delete(key)
    return undefined
  }
  const put = (key: string, doc: Record<string, unknown>): void => {
    held.set(key, { doc, expiresAtMs: expiryOf(doc, now(), options) })
  }

  return {
    async get(collection, id) {
      const entry = live(keyOf(collection, id))
      return entry === undefined ? undefined : structuredClone(entry.doc)
    },
    async insert(collection, id, doc) {
      const key = keyOf(collection, id)
      if (live(key) !== undefined) return 'exists'
      put(key, structuredClone({ ...doc }))
      return 'inserted'
    },
    async set(collection, id, doc) {
      put(keyOf(collection, id), structuredClone({ ...doc }))
    },
    async updateIf(collection, id, conditions, change) {
      const key = keyOf(collection, id)
      const entry = live(key)
      if (entry === undefined || !meetsConditions(entry.doc, conditions)) return false
      const next: Record<string, unknown> = { ...entry.doc, ...structuredClone(change.set ?? {}) }
      for (const [field, amount] of Object.entries(change.inc ?? {})) {
        const current = next[field] ?? 0
        // As the cloud database and Redis do: adding to something that is not a number is an error.
        if (typeof current !== 'number')
          throw new Error(`store: inc of non-number field "${field}"`)
        next[field] = current + amount
      }
      put(key, next)
      return true
    },
    async removeIf(collection, id, conditions) {
      const key = keyOf(collection, id)
      const entry = live(key)
      if (entry === undefined || !meetsConditions(entry.doc, conditions)) return false
      held.delete(key)
      return true
    },
  }
}
