// Puts a time limit on every database operation: a slow or hanging database must cost a recognition a
// few seconds at most, never its whole budget.
import type { DocumentStore } from './document-store'
import { withStoreTimeout } from './store-error'

export function timedStore(store: DocumentStore, timeoutMs: number): DocumentStore {
  return {
    get: (collection, id) => withStoreTimeout(store.get(collection, id), timeoutMs),
    insert: (collection, id, doc) => withStoreTimeout(store.insert(collection, id, doc), timeoutMs),
    set: (collection, id, doc) => withStoreTimeout(store.set(collection, id, doc), timeoutMs),
    updateIf: (collection, id, conditions, change) =>
      withStoreTimeout(store.updateIf(collection, id, conditions, change), timeoutMs),
    removeIf: (collection, id, conditions) =>
      withStoreTimeout(store.removeIf(collection, id, conditions), timeoutMs),
  }
}
