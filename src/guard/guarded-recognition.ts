// The quota-spending step with its guards, in the order that keeps spending to new work: the cache
// first (a hit, or a result shared by a concurrent call for the same image, costs nothing), then the
// caller's daily limit and the account's budget, then the platform call, whose success is stored for
// the next caller. The cache fails open (a store failure only costs the cache); the budget and the
// caller's limit fail closed unless the config says to spend anyway (quota/allowance.ts). All store
// operations of one call share one deadline, from the call's own time, behind the process's breaker.
// It knows neither the cloud function nor the HTTPS client: the platform call comes in as a thunk.
import { ERROR_CATALOG } from '../errors/catalog'
import { failure } from '../errors/failure'
import { cacheSlotOf, type CacheSubject } from '../cache/cache-key'
import { acquire, complete, release } from '../cache/single-flight'
import { reserveCall, settleCall } from '../quota/allowance'
import type { CallWindow } from '../quota/call-window'
import { claimStaleAt, storeBudgetMs, waitUntil } from '../quota/claim-timing'
import type { QuotaConfig } from '../quota/config'
import type { OcrReply } from '../reply/schema'
import type { RetryClock } from '../clock/clock'
import type { DocumentStore } from '../store/document-store'
import { describeStoreError } from '../store/store-error'
import type { StoreBreaker } from '../store/store-breaker'
import { timedStore } from '../store/timed-store'
import type { GuardTelemetry } from '../pipeline/step'

export interface QuotaGuard {
  store: DocumentStore
  config: QuotaConfig
  /** The process's breaker for this store; default one per handler or client (guard.ts). */
  breaker?: StoreBreaker
}

/** What the guard keys on: the image (cache, single flight) and who asks (their daily limit). */
export interface GuardSubject extends CacheSubject {
  /** The caller the daily limit counts (a mini program OPENID, a server's own key); may be absent. */
  callerKey: string | undefined
  /** Names this call's claim on the cache entry: unique per call, across processes. */
  requestId: string
}

/** One platform call with its retries: the reply and the attempts the budget pays for. */
export type RecognizeThunk = () => Promise<{ value: OcrReply; attempts: number }>

export interface Guarded {
  reply: OcrReply
  telemetry: GuardTelemetry
}

export async function recognizeGuarded(
  guard: Required<QuotaGuard>,
  clock: RetryClock,
  subject: GuardSubject,
  recognize: RecognizeThunk,
  window: CallWindow,
): Promise<Guarded> {
  const { collections } = guard.config
  const budgetMs = storeBudgetMs(window, clock.now())
  const store = timedStore(guard.store, { budgetMs, clock, breaker: guard.breaker })
  const telemetry: GuardTelemetry = { cache: 'off' }
  const onStoreError = (operation: string, error: unknown): void => {
    telemetry.storeErrors = [...(telemetry.storeErrors ?? []), describeStoreError(operation, error)]
  }
  // The same telemetry object: a store error met while giving the claim up (below, in `finally`) still
  // reaches the log line of the reply returned before it.
  const done = (reply: OcrReply): Guarded => ({ reply, telemetry })
  const slot = cacheSlotOf(subject, guard.config)
  let claimed = false
  if (slot !== undefined) {
    try {
      const acquired = await acquire(
        store,
        slot.key,
        subject.requestId,
        {
          collection: collections.cache,
          staleAt: claimStaleAt(window),
          waitUntil: waitUntil(window),
        },
        clock,
      )
      if (acquired.kind === 'hit') {
        telemetry.cache = acquired.waited ? 'shared' : 'hit'
        return done({ ...acquired.reply, cached: true })
      }
      if (acquired.kind === 'timeout') {
        telemetry.cache = 'wait-timeout'
        const message = 'Another call is still recognizing the same image; retry in a few seconds.'
        return done(failure('TIMEOUT', { message }))
      }
      claimed = true
      telemetry.cache = 'miss'
    } catch (error) {
      onStoreError('cache.acquire', error)
      telemetry.cache = 'error'
    }
  }
  let stored = false
  try {
    const reservation = await reserveCall(
      store,
      guard.config,
      subject.callerKey,
      clock.now(),
      onStoreError,
    )
    if (!reservation.ok) return done(reservation.reply)
    const report = await recognize()
    const reply = report.value
    const platformFault = !reply.ok && ERROR_CATALOG[reply.error.code].source !== 'caller'
    await settleCall(store, reservation.held, report.attempts, platformFault, onStoreError)
    if (reply.ok && claimed && slot !== undefined) {
      try {
        await complete(store, collections.cache, slot.key, reply, slot.ttlMs, clock.now())
        stored = true
      } catch (error) {
        onStoreError('cache.store', error)
      }
    }
    return done(reply)
  } finally {
    // Failures are not cached: the claim is given up so a waiting call can try for itself.
    if (claimed && !stored && slot !== undefined) {
      try {
        await release(store, collections.cache, slot.key, subject.requestId)
      } catch (error) {
        onStoreError('cache.release', error)
      }
    }
  }
}
