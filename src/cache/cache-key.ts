// What identifies a recognition: the image bytes for fileID and img sources (so the same photo uploaded
// twice is one entry), and the URL only when URL caching is opted in, since a URL's content can change.
import { createHash } from 'node:crypto'
import type { QuotaConfig } from '../quota/config'

/** The image a call sends: a URL the platform fetches, or the bytes (undefined for a URL). */
export interface CacheSubject {
  imgUrl: string | undefined
  bytes: Buffer | undefined
}

export interface CacheSlot {
  /** The document _id: a SHA-256 hex digest, prefixed for URLs so the two kinds never collide. */
  key: string
  ttlMs: number
}

export function cacheSlotOf(
  { imgUrl, bytes }: CacheSubject,
  config: QuotaConfig,
): CacheSlot | undefined {
  if (imgUrl !== undefined) {
    if (config.urlCacheTtlMs === undefined) return undefined
    const digest = createHash('sha256').update(imgUrl, 'utf8').digest('hex')
    return { key: `url-${digest}`, ttlMs: config.urlCacheTtlMs }
  }
  if (bytes === undefined || config.cacheTtlMs === 0) return undefined
  return { key: createHash('sha256').update(bytes).digest('hex'), ttlMs: config.cacheTtlMs }
}
