// When a store may forget a document. The guard never relies on deletion (it reads `expiresAt` itself),
// so expiry only keeps a shared store from growing: a cached reply goes when its own `expiresAt` passes;
// everything else (daily counters, claims, a claim written over an expired reply) is kept long enough
// to outlive the Beijing day it counts.

export interface ExpiryOptions {
  /** How long a document without a future `expiresAt` is kept after its last write. */
  keepMs: number
}

/** Two days: longer than any daily counter's day and any claim's life. */
export const DEFAULT_KEEP_MS = 2 * 24 * 60 * 60 * 1000

export function expiryOf(
  doc: Readonly<Record<string, unknown>>,
  nowMs: number,
  options: Partial<ExpiryOptions> = {},
): number {
  const own = doc.expiresAt
  if (typeof own === 'number' && own > nowMs) return own
  return nowMs + (options.keepMs ?? DEFAULT_KEEP_MS)
}
