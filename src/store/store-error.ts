// A database failure as one short log token ("cache.get: -502005"): enough to tell an outage from a
// missing collection, and never the document, the image or a credential.
import { readIncomingError } from '../errors/incoming'

/** Thrown when a database operation outlives its allowance; the recognition goes on without it. */
export class StoreTimeoutError extends Error {
  override readonly name = 'StoreTimeoutError'
  constructor(readonly ms: number) {
    super(`database operation did not finish within ${ms} ms`)
  }
}

export function describeStoreError(operation: string, error: unknown): string {
  if (error instanceof StoreTimeoutError) return `${operation}: timeout`
  const { errCode, socketCode } = readIncomingError(error)
  const name = error instanceof Error ? error.name : undefined
  const reason = errCode ?? socketCode ?? name
  if (reason !== undefined) return `${operation}: ${reason}`
  return `${operation}: ${typeof error}`
}

/** Rejects with StoreTimeoutError when `work` takes longer than `ms`; the late answer is dropped. */
export async function withStoreTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StoreTimeoutError(ms)), ms)
  })
  try {
    return await Promise.race([work, expired])
  } finally {
    clearTimeout(timer)
  }
}
