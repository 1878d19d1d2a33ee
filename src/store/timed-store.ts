// One deadline for all the store operations of one call: a slow or frozen store costs a recognition at
// most `budgetMs` in all (not a timeout per operation), and the breaker skips a store that keeps failing.
// The time an operation takes is charged to the call's budget; an operation begun with nothing left
// fails at once without reaching the store.
import { expireAfter } from '../clock/expire-after'
import type { RetryClock } from '../clock/clock'
import type { DocumentStore } from './document-store'
import type { StoreBreaker } from './store-breaker'
import { StoreSkippedError, StoreTimeoutError } from './store-error'

export interface StoreAllowance {
  /** The store time this call has, all operations together. */
  budgetMs: number
  clock: RetryClock
  breaker: StoreBreaker
}

export function timedStore(store: DocumentStore, allowance: StoreAllowance): DocumentStore {
  const { budgetMs, clock, breaker } = allowance
  let spentMs = 0
  const timed = async <T>(operation: () => Promise<T>): Promise<T> => {
    const leftMs = budgetMs - spentMs
    if (leftMs <= 0) throw new StoreTimeoutError(budgetMs)
    if (!breaker.admit()) throw new StoreSkippedError()
    const started = clock.now()
    const done = new AbortController()
    const expired = expireAfter(clock, leftMs, done.signal).then(() => {
      throw new StoreTimeoutError(budgetMs)
    })
    try {
      const value = await Promise.race([operation(), expired])
      breaker.succeeded()
      spentMs += Math.max(0, clock.now() - started)
      return value
    } catch (error) {
      breaker.failed()
      spentMs = error instanceof StoreTimeoutError ? budgetMs : spentMs + clock.now() - started
      throw error
    } finally {
      done.abort()
    }
  }
  return {
    get: (collection, id) => timed(() => store.get(collection, id)),
    insert: (collection, id, doc) => timed(() => store.insert(collection, id, doc)),
    set: (collection, id, doc) => timed(() => store.set(collection, id, doc)),
    updateIf: (collection, id, conditions, change) =>
      timed(() => store.updateIf(collection, id, conditions, change)),
    removeIf: (collection, id, conditions) =>
      timed(() => store.removeIf(collection, id, conditions)),
  }
}
