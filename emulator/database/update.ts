// Applying an update to a document: $set, $inc and $unset (what `_.remove()` sends), on top-level or
// dotted fields. Other operators fail loudly.
import { DatabaseError, unsupported } from './database-error'
import { cloneDoc, emptyDoc, type Doc, type DocValue } from './ejson'
import { fieldPathSegments } from './field-path'

function isPlainObject(value: DocValue | undefined): value is { [key: string]: DocValue } {
  return (
    typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date)
  )
}

/** The object that holds the last part of `path`, created along the way for writes. */
function parentOf(doc: Doc, path: string): { holder: Doc; key: string } {
  const parts = fieldPathSegments(path)
  const key = parts.pop() as string
  let holder: Doc = doc
  for (const part of parts) {
    const next = holder[part]
    if (next === undefined) holder = holder[part] = emptyDoc()
    else if (isPlainObject(next)) holder = next
    else throw new DatabaseError('DATABASE_REQUEST_FAILED', `cannot create field in "${part}"`)
  }
  return { holder, key }
}

/** Returns the updated copy; the stored document is replaced only when every operator applied. */
export function applyUpdate(doc: Doc, update: Doc): Doc {
  const next = cloneDoc(doc)
  for (const [op, fields] of Object.entries(update)) {
    if (!op.startsWith('$')) throw unsupported(`a mix of fields and operators ("${op}")`)
    if (!isPlainObject(fields)) throw new DatabaseError('INVALID_PARAM', `${op} takes an object`)
    for (const [path, value] of Object.entries(fields)) {
      if (path === '_id' || path.startsWith('_id.')) {
        throw new DatabaseError('DATABASE_REQUEST_FAILED', 'the _id field cannot be updated')
      }
      const { holder, key } = parentOf(next, path)
      switch (op) {
        case '$set':
          holder[key] = value
          break
        case '$unset':
          Reflect.deleteProperty(holder, key)
          break
        case '$inc': {
          const current = holder[key] ?? 0
          if (typeof current !== 'number' || typeof value !== 'number') {
            throw new DatabaseError(
              'DATABASE_REQUEST_FAILED',
              `$inc on a non-number field "${path}"`,
            )
          }
          holder[key] = current + value
          break
        }
        default:
          throw unsupported(`the update operator ${op}`)
      }
    }
  }
  return next
}

/** `set()` sends a whole document: operators in it are a caller's mistake the platform refuses. */
export function checkReplacement(doc: Doc): void {
  for (const key of Object.keys(doc)) {
    if (key.startsWith('$')) throw unsupported(`the operator ${key} in a replacement document`)
  }
}
