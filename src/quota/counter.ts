// A daily counter that can only be taken below its limit. The check and the increment are one
// conditional update (`count < limit` → `count + 1`), so concurrent callers can never overshoot; the
// document is created on first use, and a lost creation race just retries the conditional update.
import type { DocumentStore } from '../store/document-store'

export interface CounterRef {
  collection: string
  id: string
  /** Written on creation so the documents can be read and cleaned up by day and kind. */
  labels: Readonly<Record<string, string>>
}

/** True when a unit was taken, false when the counter is at its limit. Store errors propagate. */
export async function takeUnit(
  store: DocumentStore,
  counter: CounterRef,
  limit: number,
): Promise<boolean> {
  const below = [{ field: 'count', op: 'lt', value: limit }] as const
  if (await store.updateIf(counter.collection, counter.id, below, { inc: { count: 1 } }))
    return true
  const created = await store.insert(counter.collection, counter.id, {
    ...counter.labels,
    count: 1,
  })
  if (created === 'inserted') return true
  // Someone created it between our two calls: now it exists, so the conditional update decides.
  return store.updateIf(counter.collection, counter.id, below, { inc: { count: 1 } })
}

/** Adds units without a check: refunds (negative) and retries already made (positive). */
export async function adjustUnits(
  store: DocumentStore,
  counter: CounterRef,
  units: number,
): Promise<void> {
  if (units === 0) return
  await store.updateIf(counter.collection, counter.id, [], { inc: { count: units } })
}
