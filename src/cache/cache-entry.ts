// The shape of one document in the cache collection, parsed where it is read: a document written by an
// older version or edited by hand is treated as absent rather than trusted.
import * as z from 'zod'
import { OcrSuccessSchema, type OcrSuccess } from '../reply/schema'
import type { StoredDoc } from '../store/document-store'

const PendingSchema = z.object({
  state: z.literal('pending'),
  /** The request id of the call that is recognizing the image. */
  owner: z.string(),
  claimedAt: z.number(),
  /** When the owner has surely stopped (its own time limit, plus clock skew): then anyone may take over. */
  staleAt: z.number(),
})

const DoneSchema = z.object({
  state: z.literal('done'),
  reply: OcrSuccessSchema,
  storedAt: z.number(),
  expiresAt: z.number(),
})

export const CacheEntrySchema = z.discriminatedUnion('state', [PendingSchema, DoneSchema])
export type CacheEntry = z.infer<typeof CacheEntrySchema>

export function parseCacheEntry(doc: StoredDoc): CacheEntry | undefined {
  const parsed = CacheEntrySchema.safeParse(doc)
  return parsed.success ? parsed.data : undefined
}

export function pendingEntry(owner: string, nowMs: number, staleAt: number): StoredDoc {
  return { state: 'pending', owner, claimedAt: nowMs, staleAt }
}

/** Only what the platform recognized is kept: `cached` is set when it is served, never stored. */
export function doneEntry(reply: OcrSuccess, nowMs: number, ttlMs: number): StoredDoc {
  const { cached: _cached, ...stored } = reply
  return { state: 'done', reply: stored, storedAt: nowMs, expiresAt: nowMs + ttlMs }
}
