// Field paths of updates and queries ("a.b.c"). A segment that names a prototype slot would walk out of the
// document into Object.prototype (`{"$set": {"__proto__.times": "always"}}` once armed every fault of the
// process forever), so those are refused loudly, whatever the platform's database would do with them.
import { DatabaseError } from './database-error'

const PROTOTYPE_SEGMENTS = new Set(['__proto__', 'constructor', 'prototype'])

/** The segments of a field path; throws INVALID_PARAM for an empty or a prototype segment. */
export function fieldPathSegments(path: string): string[] {
  const segments = path.split('.')
  if (segments.includes('')) throw new DatabaseError('INVALID_PARAM', `bad field path "${path}"`)
  const refused = segments.find((segment) => PROTOTYPE_SEGMENTS.has(segment))
  if (refused !== undefined) {
    throw new DatabaseError(
      'INVALID_PARAM',
      `field path "${path}" contains "${refused}", which the local database refuses in updates and queries`,
    )
  }
  return segments
}
