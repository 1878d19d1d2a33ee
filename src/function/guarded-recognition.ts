// The quota-spending step with its guards, in the order that keeps spending to new work: the cache
// first (a hit, or a result shared by a concurrent call for the same image, costs nothing), then the
// caller's daily limit and the account's budget, then the platform call, whose success is stored for
// the next caller. The database is an optimization: when it fails, recognition goes on without it.
import { ERROR_CATALOG } from '../errors/catalog'
import { failure } from '../errors/failure'
import { cacheSlotOf } from '../cache/cache-key'
import { acquire, complete, release } from '../cache/single-flight'
import type { CallLogLine } from '../log/log-line'
import { reserveCall, settleCall } from '../quota/allowance'
import type { QuotaConfig } from '../quota/config'
import type { OcrReply } from '../reply/schema'
import type { RetryPolicy } from '../retry/policy'
import type { RetryClock } from '../retry/run-with-retry'
import type { ImageSource } from '../request/event-schema'
import type { DocumentStore } from '../store/document-store'
import { describeStoreError } from '../store/store-error'
import { timedStore } from '../store/timed-store'
import type { CloudPort, WxContext } from './cloud-port'
import { fitTo } from './deadline'
import { recognizeWithRetry } from './recognize'
import type { ResolvedImage } from './resolve-image'

export interface QuotaGuard {
  store: DocumentStore
  config: QuotaConfig
}

export interface GuardedCall {
  port: CloudPort
  guard: QuotaGuard
  policy: RetryPolicy
  /** When the retries must end (clock time), from the invocation's time limit; none without one. */
  retryBy?: number | undefined
  clock: RetryClock
  source: ImageSource
  image: ResolvedImage
  caller: WxContext
  /** Names this call's claim on the cache entry. */
  requestId: string
  line: CallLogLine
}

export async function recognizeGuarded(call: GuardedCall): Promise<OcrReply> {
  const { guard, clock, line } = call
  const { collections } = guard.config
  const store = timedStore(guard.store, guard.config.storeTimeoutMs)
  const storeErrors: string[] = []
  const onStoreError = (operation: string, error: unknown): void => {
    storeErrors.push(describeStoreError(operation, error))
    line.storeErrors = storeErrors
  }
  const slot = cacheSlotOf(call.source, call.image.bytes, guard.config)
  let claimed = false
  line.cache = 'off'
  if (slot !== undefined) {
    try {
      const acquired = await acquire(
        store,
        slot.key,
        call.requestId,
        {
          collection: collections.cache,
          claimStaleMs: guard.config.claimStaleMs,
          waitBudgetMs: guard.config.waitBudgetMs,
        },
        clock,
      )
      if (acquired.kind === 'hit') {
        line.cache = acquired.waited ? 'shared' : 'hit'
        return { ...acquired.reply, cached: true }
      }
      if (acquired.kind === 'timeout') {
        line.cache = 'wait-timeout'
        const message = 'Another call is still recognizing the same image; retry in a few seconds.'
        return failure('TIMEOUT', { message })
      }
      claimed = true
      line.cache = 'miss'
    } catch (error) {
      onStoreError('cache.acquire', error)
      line.cache = 'error'
    }
  }
  let stored = false
  try {
    const reservation = await reserveCall(
      store,
      guard.config,
      call.caller.OPENID,
      clock.now(),
      onStoreError,
    )
    if (!reservation.ok) return reservation.reply
    const policy = fitTo(call.policy, call.retryBy, clock)
    const report = await recognizeWithRetry(call.port, call.image.request, policy, clock)
    line.attempts = report.attempts
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
    return reply
  } finally {
    // Failures are not cached: the claim is given up so a waiting call can try for itself.
    if (claimed && !stored && slot !== undefined) {
      try {
        await release(store, collections.cache, slot.key, call.requestId)
      } catch (error) {
        onStoreError('cache.release', error)
      }
    }
  }
}
