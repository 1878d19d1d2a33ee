// Makes many simultaneous calls for one new image spend one platform call. The first call claims the
// image's key by inserting a pending document with that _id (an insert of an existing _id fails, so
// exactly one caller wins); the others poll until the owner stores the result or gives the claim up. A
// claim is taken over, with a compare-and-swap on its owner and time, once its owner has surely stopped:
// the owner writes when that is (its own time limit), so a 3 s function's dead claim lasts 3 s, not 25.
import type { OcrSuccess } from '../reply/schema'
import type { RetryClock } from '../clock/clock'
import type { DocumentStore } from '../store/document-store'
import { doneEntry, parseCacheEntry, pendingEntry } from './cache-entry'

export type Acquired =
  /** `waited`: the result came from another call recognizing the same image at the same time. */
  | { kind: 'hit'; reply: OcrSuccess; waited: boolean }
  /** This call holds the claim: it must `complete` or `release` it. */
  | { kind: 'owner' }
  /** Another call held the claim for longer than this call may wait. */
  | { kind: 'timeout' }

export interface SingleFlightOptions {
  collection: string
  /** Written into this call's claim: when it is dead if this call has not finished (claim-timing.ts). */
  staleAt: number
  /** This call waits for another's result until then at most: its own remaining time. */
  waitUntil: number
}

const FIRST_POLL_MS = 100
/** Each round reads once; rounds that do not sleep (lost races) are bounded too, not only the wait. */
const MAX_ROUNDS = 200
const MAX_POLL_MS = 1000

function pollDelay(round: number, random: () => number): number {
  const ceiling = Math.min(MAX_POLL_MS, FIRST_POLL_MS * 1.5 ** round)
  // Half fixed, half jitter: waiters started together should not poll together.
  return Math.round(ceiling / 2 + (random() * ceiling) / 2)
}

/** Store errors propagate: the caller then recognizes without the cache. */
export async function acquire(
  store: DocumentStore,
  key: string,
  owner: string,
  options: SingleFlightOptions,
  clock: RetryClock,
): Promise<Acquired> {
  const { collection } = options
  const deadline = options.waitUntil
  const claim = (now: number) => pendingEntry(owner, now, options.staleAt)
  let waited = false
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const now = clock.now()
    if (now > deadline) break
    const doc = await store.get(collection, key)
    if (doc === undefined) {
      const inserted = await store.insert(collection, key, claim(now))
      if (inserted === 'inserted') return { kind: 'owner' }
      continue
    }
    const entry = parseCacheEntry(doc)
    if (entry === undefined) {
      // Unreadable: drop it and race for a fresh claim like everyone else.
      await store.removeIf(collection, key, [])
      continue
    }
    if (entry.state === 'done') {
      if (entry.expiresAt > now) return { kind: 'hit', reply: entry.reply, waited }
      const takenOver = await store.updateIf(
        collection,
        key,
        [
          { field: 'state', op: 'eq', value: 'done' },
          { field: 'storedAt', op: 'eq', value: entry.storedAt },
        ],
        { set: claim(now) },
      )
      if (takenOver) return { kind: 'owner' }
      continue
    }
    if (now > entry.staleAt) {
      const takenOver = await store.updateIf(
        collection,
        key,
        [
          { field: 'state', op: 'eq', value: 'pending' },
          { field: 'owner', op: 'eq', value: entry.owner },
          { field: 'claimedAt', op: 'eq', value: entry.claimedAt },
        ],
        { set: claim(now) },
      )
      if (takenOver) return { kind: 'owner' }
      continue
    }
    const delay = pollDelay(round, clock.random)
    if (now + delay > deadline) return { kind: 'timeout' }
    waited = true
    await clock.sleep(delay)
  }
  return { kind: 'timeout' }
}

/** Stores the result under the key, replacing the claim (or whoever took it over: the result is good). */
export async function complete(
  store: DocumentStore,
  collection: string,
  key: string,
  reply: OcrSuccess,
  ttlMs: number,
  nowMs: number,
): Promise<void> {
  await store.set(collection, key, doneEntry(reply, nowMs, ttlMs))
}

/** Gives the claim up so a waiter can try; only this owner's claim is removed, never a takeover's. */
export async function release(
  store: DocumentStore,
  collection: string,
  key: string,
  owner: string,
): Promise<void> {
  await store.removeIf(collection, key, [
    { field: 'state', op: 'eq', value: 'pending' },
    { field: 'owner', op: 'eq', value: owner },
  ])
}
