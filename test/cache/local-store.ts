// A DocumentStore straight over the emulator's LocalDatabase (no wire), for unit tests of the claim and
// counter logic with an instant clock; the wire itself is covered by the end-to-end tests.
import { LocalDatabase } from '../../emulator/database'
import type { Doc, DocValue } from '../../emulator/database'
import type { DocumentStore, FieldCondition } from '../../src/store/document-store'

const OPS = { eq: '$eq', lt: '$lt', lte: '$lte', gt: '$gt' } as const

function queryOf(id: string, conditions: readonly FieldCondition[]): Doc {
  const query: Doc = { _id: id }
  for (const { field, op, value } of conditions) query[field] = { [OPS[op]]: value }
  return query
}

export function localStore(db = new LocalDatabase({ collections: ['c'] })): DocumentStore & {
  db: LocalDatabase
} {
  return {
    db,
    async get(collection, id) {
      const [doc] = db.find(collection, { _id: id }, 1)
      if (doc === undefined) return undefined
      const { _id: _ignored, ...fields } = structuredClone(doc)
      return fields
    },
    async insert(collection, id, doc) {
      try {
        db.insert(collection, [{ ...(doc as Doc), _id: id }])
        return 'inserted'
      } catch (error) {
        // Only a duplicate _id is "exists" (as in the cloud store); any other failure is a failure.
        if (db.find(collection, { _id: id }, 1).length > 0) return 'exists'
        throw error
      }
    },
    async set(collection, id, doc) {
      db.replace(collection, id, doc as Doc)
    },
    async updateIf(collection, id, conditions, change) {
      const update: Doc = {}
      if (change.set !== undefined) update.$set = change.set as Doc
      if (change.inc !== undefined) update.$inc = change.inc as Record<string, DocValue>
      return db.update(collection, queryOf(id, conditions), update, false) > 0
    },
    async removeIf(collection, id, conditions) {
      return db.remove(collection, queryOf(id, conditions), false) > 0
    },
  }
}
