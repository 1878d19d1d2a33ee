// Matching a document against a decoded query: field equality, the comparison operators ($eq $ne $lt
// $lte $gt $gte $in $nin) and $and / $or. Everything else fails loudly; a conditional update that
// silently matched the wrong documents would hide exactly the races the tests are there to catch.
import { DatabaseError, unsupported } from './database-error'
import type { Doc, DocValue } from './ejson'
import { fieldPathSegments } from './field-path'

const COMPARISONS = new Set(['$eq', '$ne', '$lt', '$lte', '$gt', '$gte', '$in', '$nin'])

function isPlainObject(value: DocValue | undefined): value is { [key: string]: DocValue } {
  return (
    typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date)
  )
}

export function readPath(doc: Doc, path: string): DocValue | undefined {
  let current: DocValue | undefined = doc
  for (const part of fieldPathSegments(path)) {
    if (!isPlainObject(current)) return undefined
    current = current[part]
  }
  return current
}

function comparable(value: DocValue | undefined): number | string | undefined {
  if (typeof value === 'number' || typeof value === 'string') return value
  if (value instanceof Date) return value.getTime()
  return undefined
}

function equal(a: DocValue | undefined, b: DocValue): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime()
  if (isPlainObject(b) || Array.isArray(b)) throw unsupported('equality on an object or array')
  // A missing field equals null, as in MongoDB.
  if (a === undefined) return b === null
  return a === b
}

/** Orders only values of one kind (numbers with numbers, strings with strings), like BSON does. */
function order(a: DocValue | undefined, b: DocValue): number | undefined {
  const left = comparable(a)
  const right = comparable(b)
  if (left === undefined || right === undefined || typeof left !== typeof right) return undefined
  return left < right ? -1 : left > right ? 1 : 0
}

function matchOperator(actual: DocValue | undefined, op: string, operand: DocValue): boolean {
  switch (op) {
    case '$eq':
      return equal(actual, operand)
    case '$ne':
      return !equal(actual, operand)
    case '$in':
    case '$nin': {
      if (!Array.isArray(operand)) throw new DatabaseError('INVALID_PARAM', `${op} takes an array`)
      const found = operand.some((candidate) => equal(actual, candidate))
      return op === '$in' ? found : !found
    }
    default: {
      const sign = order(actual, operand)
      if (sign === undefined) return false
      if (op === '$lt') return sign < 0
      if (op === '$lte') return sign <= 0
      if (op === '$gt') return sign > 0
      return sign >= 0
    }
  }
}

function matchField(doc: Doc, field: string, condition: DocValue): boolean {
  const actual = readPath(doc, field)
  if (!isPlainObject(condition)) return equal(actual, condition)
  const ops = Object.keys(condition)
  if (ops.length === 0 || !ops.every((op) => op.startsWith('$'))) {
    throw unsupported(`matching field "${field}" against an object`)
  }
  return ops.every((op) => {
    if (!COMPARISONS.has(op)) throw unsupported(`the query operator ${op}`)
    return matchOperator(actual, op, condition[op] as DocValue)
  })
}

export function matches(doc: Doc, query: Doc): boolean {
  return Object.entries(query).every(([key, condition]) => {
    if (key === '$and' || key === '$or') {
      if (!Array.isArray(condition) || !condition.every(isPlainObject)) {
        throw new DatabaseError('INVALID_PARAM', `${key} takes an array of queries`)
      }
      const parts = condition as Doc[]
      return key === '$and'
        ? parts.every((part) => matches(doc, part))
        : parts.some((part) => matches(doc, part))
    }
    if (key.startsWith('$')) throw unsupported(`the query operator ${key}`)
    return matchField(doc, key, condition)
  })
}

/** Refuses a bad field path anywhere in a query, whether or not any document is there to match it. */
export function checkQueryPaths(query: Doc): void {
  for (const [key, condition] of Object.entries(query)) {
    if ((key === '$and' || key === '$or') && Array.isArray(condition)) {
      for (const part of condition) if (isPlainObject(part)) checkQueryPaths(part)
    } else if (!key.startsWith('$')) {
      fieldPathSegments(key)
    }
  }
}
