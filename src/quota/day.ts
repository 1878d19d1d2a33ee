// The platform's quota day runs midnight to midnight Beijing time (UTC+8, no daylight saving), so the
// per-user limit and the account budget use the same day and reset when the platform's quota does.

const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000
const DAY_MS = 24 * 60 * 60 * 1000

/** 'YYYY-MM-DD' of the Beijing day containing `nowMs`. */
export function quotaDay(nowMs: number): string {
  return new Date(nowMs + BEIJING_OFFSET_MS).toISOString().slice(0, 10)
}

/** The next Beijing midnight after `nowMs`, as ISO 8601 with the +08:00 offset a user reads. */
export function quotaResetsAt(nowMs: number): string {
  const startOfDay = Math.floor((nowMs + BEIJING_OFFSET_MS) / DAY_MS) * DAY_MS
  const next = new Date(startOfDay + DAY_MS).toISOString().slice(0, 10)
  return `${next}T00:00:00+08:00`
}
