// A database failure as one short log token ("cache.get: -502005"): enough to tell an outage from a
// missing collection, and never the document, the image or a credential.
import { readIncomingError } from '../errors/incoming'

/** Thrown when the call's store time (all its operations together) is spent. */
export class StoreTimeoutError extends Error {
  override readonly name = 'StoreTimeoutError'
  constructor(readonly ms: number) {
    super(`the store operations of this call did not finish within ${ms} ms`)
  }
}

/** Thrown without asking the store while its breaker is open (store-breaker.ts). */
export class StoreSkippedError extends Error {
  override readonly name = 'StoreSkippedError'
  constructor() {
    super('the store is skipped for a while after repeated failures')
  }
}

export function describeStoreError(operation: string, error: unknown): string {
  if (error instanceof StoreTimeoutError) return `${operation}: timeout`
  if (error instanceof StoreSkippedError) return `${operation}: skipped`
  const { errCode, socketCode } = readIncomingError(error)
  const name = error instanceof Error ? error.name : undefined
  const reason = errCode ?? socketCode ?? name
  if (reason !== undefined) return `${operation}: ${reason}`
  return `${operation}: ${typeof error}`
}
