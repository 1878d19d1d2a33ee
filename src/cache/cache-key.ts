// What identifies a recognition: the image bytes for fileID and img sources (so the same photo uploaded
// twice is one entry), and the URL only when URL caching is opted in, since a URL's content can change.
import { createHash } from 'node:crypto'
import type { ImageSource } from '../request/event-schema'
import type { QuotaConfig } from '../quota/config'

export interface CacheSlot {
  /** The document _id: a SHA-256 hex digest, prefixed for URLs so the two kinds never collide. */
  key: string
  ttlMs: number
}

export function cacheSlotOf(
  source: ImageSource,
  bytes: Buffer | undefined,
  config: QuotaConfig,
): CacheSlot | undefined {
  if (source.kind === 'imgUrl') {
    if (config.urlCacheTtlMs === undefined) return undefined
    const digest = createHash('sha256').update(source.imgUrl, 'utf8').digest('hex')
    return { key: `url-${digest}`, ttlMs: config.urlCacheTtlMs }
  }
  if (bytes === undefined || config.cacheTtlMs === 0) return undefined
  return { key: createHash('sha256').update(bytes).digest('hex'), ttlMs: config.cacheTtlMs }
}
