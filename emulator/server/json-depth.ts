// How deep a JSON value may nest anywhere in the local cloud. JSON.parse copes with any depth, but the
// recursive code after it (zod, EJSON decoding, JSON.stringify on the way to a function) overflows the stack
// a few thousand levels down; the limit is MongoDB's, which the platform's database enforces too.
export const MAX_JSON_DEPTH = 100

/** True when `value` nests deeper than `limit`; iterative, so it cannot overflow on what it measures. */
export function nestsDeeperThan(value: unknown, limit = MAX_JSON_DEPTH): boolean {
  const pending: [unknown, number][] = [[value, 1]]
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [current, depth] = next
    if (typeof current !== 'object' || current === null) continue
    if (depth > limit) return true
    for (const child of Object.values(current)) pending.push([child, depth + 1])
  }
  return false
}
