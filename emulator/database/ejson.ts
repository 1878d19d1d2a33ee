// The Extended JSON the SDK puts on the wire (bson's EJSON.stringify with relaxed:false): numbers come as
// {$numberInt}, {$numberLong} or {$numberDouble}, dates as {$date}. Only these are decoded; any other
// BSON type (ObjectId, RegExp, Binary, ...) is refused loudly rather than stored as a plain object.
import { MAX_JSON_DEPTH, nestsDeeperThan } from '../server/json-depth'
import { DatabaseError, unsupported } from './database-error'

export type DocValue =
  string | number | boolean | null | Date | DocValue[] | { [key: string]: DocValue }
export type Doc = { [key: string]: DocValue }

const TYPE_KEYS = new Set(['$numberInt', '$numberLong', '$numberDouble', '$date'])
const UNSUPPORTED_TYPE_KEYS = new Set([
  '$oid',
  '$regularExpression',
  '$regex',
  '$binary',
  '$timestamp',
  '$numberDecimal',
  '$symbol',
  '$code',
  '$minKey',
  '$maxKey',
  '$undefined',
  '$dbPointer',
])

/**
 * A document object without a prototype: a stored key such as "__proto__" is an ordinary key on it, never
 * the setter that would swap its prototype. JSON.stringify writes such objects as usual.
 */
export function emptyDoc(): Doc {
  return Object.create(null) as Doc
}

function cloneValue(value: DocValue): DocValue {
  if (value instanceof Date) return new Date(value.getTime())
  if (Array.isArray(value)) return value.map(cloneValue)
  if (value !== null && typeof value === 'object') return cloneDoc(value)
  return value
}

/** A deep copy that keeps Dates and null prototypes (structuredClone would give plain objects back). */
export function cloneDoc(doc: Doc): Doc {
  const out = emptyDoc()
  for (const [key, value] of Object.entries(doc)) out[key] = cloneValue(value)
  return out
}

function decodeNumber(value: unknown, key: string): number {
  if (typeof value !== 'string') throw new DatabaseError('INVALID_PARAM', `${key} takes a string`)
  const number = Number(value)
  if (Number.isNaN(number) && value !== 'NaN') {
    throw new DatabaseError('INVALID_PARAM', `${key} "${value}" is not a number`)
  }
  return number
}

function decodeTyped(key: string, value: unknown): DocValue {
  if (key === '$date') {
    if (typeof value === 'string') return new Date(value)
    if (typeof value === 'number') return new Date(value)
    if (typeof value === 'object' && value !== null && '$numberLong' in value) {
      return new Date(decodeNumber((value as { $numberLong: unknown }).$numberLong, '$numberLong'))
    }
    throw new DatabaseError('INVALID_PARAM', '$date must be a number, a string or {$numberLong}')
  }
  return decodeNumber(value, key)
}

/** Canonical or relaxed EJSON (already JSON-parsed) → plain values with numbers and Dates. */
export function decodeValue(value: unknown): DocValue {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value
  if (typeof value === 'number') return value
  if (Array.isArray(value)) return value.map(decodeValue)
  if (typeof value === 'object') {
    const keys = Object.keys(value)
    const [only] = keys
    if (keys.length === 1 && only !== undefined && TYPE_KEYS.has(only)) {
      return decodeTyped(only, (value as Record<string, unknown>)[only])
    }
    const odd = keys.find((key) => UNSUPPORTED_TYPE_KEYS.has(key))
    if (odd !== undefined) throw unsupported(`the EJSON type ${odd}`)
    const out = emptyDoc()
    for (const key of keys) out[key] = decodeValue((value as Record<string, unknown>)[key])
    return out
  }
  throw new DatabaseError('INVALID_PARAM', `cannot store a value of type ${typeof value}`)
}

/** Parses one EJSON string of the wire into an object. */
export function parseEjsonObject(text: string, what: string): Doc {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    throw new DatabaseError('INVALID_PARAM', `${what} is not valid JSON`)
  }
  if (nestsDeeperThan(parsed)) {
    throw new DatabaseError('INVALID_PARAM', `${what} nests deeper than ${MAX_JSON_DEPTH} levels`)
  }
  const decoded = decodeValue(parsed)
  if (typeof decoded !== 'object' || decoded === null || Array.isArray(decoded)) {
    throw new DatabaseError('INVALID_PARAM', `${what} must be an object`)
  }
  if (decoded instanceof Date) throw new DatabaseError('INVALID_PARAM', `${what} must be an object`)
  return decoded
}

function encodeValue(value: DocValue): unknown {
  if (value instanceof Date) return { $date: { $numberLong: String(value.getTime()) } }
  if (typeof value === 'number') {
    if (Number.isInteger(value) && Math.abs(value) < 2 ** 31) return { $numberInt: String(value) }
    if (Number.isSafeInteger(value)) return { $numberLong: String(value) }
    return { $numberDouble: String(value) }
  }
  if (Array.isArray(value)) return value.map(encodeValue)
  if (value !== null && typeof value === 'object') {
    const out = Object.create(null) as Record<string, unknown>
    for (const [key, inner] of Object.entries(value)) out[key] = encodeValue(inner)
    return out
  }
  return value
}

/** One document as the platform lists it in `data.list`: a canonical EJSON string. */
export function stringifyDoc(doc: Doc): string {
  return JSON.stringify(encodeValue(doc))
}
