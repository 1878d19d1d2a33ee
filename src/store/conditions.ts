// What a FieldCondition means, for the stores that evaluate conditions themselves (in memory). The
// cloud database and Redis evaluate them on the server, with the same meaning: a missing field or a
// value of another type never satisfies a comparison.
import type { FieldCondition, StoredDoc } from './document-store'

function holds(actual: unknown, { op, value }: FieldCondition): boolean {
  if (op === 'eq') return actual === value
  if (typeof actual !== 'number' || typeof value !== 'number') return false
  if (op === 'lt') return actual < value
  if (op === 'lte') return actual <= value
  return actual > value
}

export function meetsConditions(doc: StoredDoc, conditions: readonly FieldCondition[]): boolean {
  return conditions.every((condition) =>
    holds(Object.hasOwn(doc, condition.field) ? doc[condition.field] : undefined, condition),
  )
}
