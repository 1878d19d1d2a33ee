// Who may spend a platform call now: the caller, under their daily limit, and the account, under its
// daily budget. Both are taken before the call and only by the call that will reach the platform (cache
// hits and bad input never get here). A limit the store cannot check (an error, or no answer within the
// call's store deadline) refuses the call with the retryable BUDGET_UNCHECKED, nothing spent, because a
// slow database must not let a storm of calls past the budget; with `budgetUnchecked: 'spend'` the call
// goes on uncounted instead, and the log line says so either way.
import { failure } from '../errors/failure'
import type { OcrFailure } from '../reply/schema'
import type { DocumentStore } from '../store/document-store'
import type { QuotaConfig } from './config'
import { adjustUnits, takeUnit, type CounterRef } from './counter'
import { quotaDay, quotaResetsAt } from './day'

/** The key calls without an OPENID (server-side callers, the console's test button) count under. */
export const NO_OPENID_KEY = 'no-openid'

export interface HeldUnits {
  user?: CounterRef
  account?: CounterRef
}

export type Reservation = { ok: true; held: HeldUnits } | { ok: false; reply: OcrFailure }

export type StoreErrorSink = (operation: string, error: unknown) => void

export async function reserveCall(
  store: DocumentStore,
  config: QuotaConfig,
  openid: string | undefined,
  nowMs: number,
  onStoreError: StoreErrorSink,
): Promise<Reservation> {
  const day = quotaDay(nowMs)
  const collection = config.collections.counters
  const held: HeldUnits = {}
  if (config.userDailyLimit > 0) {
    // An empty or non-string key (a JavaScript caller's) is no key: it counts under the shared one.
    const who = typeof openid === 'string' && openid !== '' ? openid : NO_OPENID_KEY
    const user = { collection, id: `user-${day}-${who}`, labels: { kind: 'user', day, who } }
    try {
      if (!(await takeUnit(store, user, config.userDailyLimit))) {
        const resetsAt = quotaResetsAt(nowMs)
        const message = `This user reached the daily limit of ${config.userDailyLimit} recognitions; it resets at ${resetsAt}.`
        return { ok: false, reply: failure('USER_LIMIT_REACHED', { message, resetsAt }) }
      }
      held.user = user
    } catch (error) {
      onStoreError('limit.user', error)
      if (config.budgetUnchecked === 'refuse')
        return unchecked(`the daily limit of this caller`, error)
    }
  }
  if (config.dailyBudget > 0) {
    const account = { collection, id: `account-${day}`, labels: { kind: 'account', day } }
    try {
      if (!(await takeUnit(store, account, config.dailyBudget))) {
        await refund(store, held.user, onStoreError)
        const resetsAt = quotaResetsAt(nowMs)
        const message = `The account's daily budget of ${config.dailyBudget} recognitions is spent; it resets at ${resetsAt}.`
        return { ok: false, reply: failure('QUOTA_BUDGET_REACHED', { message, resetsAt }) }
      }
      held.account = account
    } catch (error) {
      onStoreError('limit.account', error)
      if (config.budgetUnchecked === 'refuse') {
        await refund(store, held.user, onStoreError)
        return unchecked(`the account's daily budget`, error)
      }
    }
  }
  return { ok: true, held }
}

/** The store's own words, cut short: what a developer needs to tell a slow store from a wrong one. */
const STORE_ERROR_SHOWN = 200

function unchecked(what: string, error: unknown): Reservation {
  const said = (error instanceof Error ? error.message : String(error)).slice(0, STORE_ERROR_SHOWN)
  const message = `The store did not answer in time or failed (${said}), so ${what} could not be checked and no call was made; retry in a few seconds.`
  return { ok: false, reply: failure('BUDGET_UNCHECKED', { message, cause: error }) }
}

async function refund(
  store: DocumentStore,
  counter: CounterRef | undefined,
  onStoreError: StoreErrorSink,
): Promise<void> {
  if (counter === undefined) return
  try {
    await adjustUnits(store, counter, -1)
  } catch (error) {
    onStoreError('limit.refund', error)
  }
}

/**
 * After the call: the account pays for every attempt the platform saw (retries included, none when it saw
 * none), so the budget tracks the platform's quota; the user gets the unit back when the platform, not
 * their image, failed, or when nothing reached the platform.
 */
export async function settleCall(
  store: DocumentStore,
  held: HeldUnits,
  attempts: number,
  platformFault: boolean,
  onStoreError: StoreErrorSink,
): Promise<void> {
  // attempts - 1: the unit taken covers one; a call that never reached the platform (cancelled while it
  // waited for a slot, or left no time) gives it back.
  if (held.account !== undefined && attempts !== 1) {
    try {
      await adjustUnits(store, held.account, attempts - 1)
    } catch (error) {
      onStoreError('limit.retries', error)
    }
  }
  if (platformFault || attempts === 0) await refund(store, held.user, onStoreError)
}
