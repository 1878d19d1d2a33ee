// The DocumentStore over wx-server-sdk's database. The SDK types its database loosely, so the few calls
// used here are written down as narrow interfaces, and every answer is checked before it is trusted.
import type { DocChange, DocumentStore, FieldCondition, StoredDoc } from '../store/document-store'

export interface SdkCommand {
  eq(value: unknown): unknown
  lt(value: unknown): unknown
  lte(value: unknown): unknown
  gt(value: unknown): unknown
  inc(value: number): unknown
}

interface SdkQuery {
  update(options: { data: Record<string, unknown> }): Promise<unknown>
  remove(): Promise<unknown>
}

interface SdkCollection {
  doc(id: string): {
    get(): Promise<unknown>
    set(options: { data: Record<string, unknown> }): Promise<unknown>
  }
  add(options: { data: Record<string, unknown> }): Promise<unknown>
  where(query: Record<string, unknown>): SdkQuery
}

export interface SdkDatabase {
  command: SdkCommand
  collection(name: string): SdkCollection
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** `{ stats: { updated | removed: n } }` → n; anything else is a broken answer, not a zero. */
function statOf(result: unknown, key: 'updated' | 'removed'): number {
  const stats = isRecord(result) ? result.stats : undefined
  const value = isRecord(stats) ? stats[key] : undefined
  if (typeof value !== 'number') throw new Error(`database answer without stats.${key}`)
  return value
}

function whereOf(
  command: SdkCommand,
  id: string,
  conditions: readonly FieldCondition[],
): Record<string, unknown> {
  const query: Record<string, unknown> = { _id: id }
  for (const { field, op, value } of conditions) {
    // Two conditions on one field would need _.and; nothing here asks for it, so refuse loudly.
    if (field in query) throw new Error(`two conditions on field "${field}"`)
    query[field] = command[op](value)
  }
  return query
}

function dataOf(command: SdkCommand, change: DocChange): Record<string, unknown> {
  const data: Record<string, unknown> = { ...change.set }
  for (const [field, amount] of Object.entries(change.inc ?? {})) data[field] = command.inc(amount)
  return data
}

/** `database` is called on first use, so loading the function does no database work. */
export function createCloudStore(database: () => SdkDatabase): DocumentStore {
  let db: SdkDatabase | undefined
  const open = (): SdkDatabase => (db ??= database())

  const get = async (collection: string, id: string): Promise<StoredDoc | undefined> => {
    const result = await open().collection(collection).doc(id).get()
    const data = isRecord(result) ? result.data : undefined
    if (data === null || data === undefined) return undefined
    if (!isRecord(data)) throw new Error('database answer with a non-object document')
    const { _id: _ignored, ...fields } = data
    return fields
  }

  return {
    get,
    async insert(collection, id, doc) {
      try {
        await open()
          .collection(collection)
          .add({ data: { ...doc, _id: id } })
        return 'inserted'
      } catch (error) {
        // The duplicate-key message is not a documented contract; whether the document now exists is.
        if ((await get(collection, id)) !== undefined) return 'exists'
        throw error
      }
    },
    async set(collection, id, doc) {
      await open()
        .collection(collection)
        .doc(id)
        .set({ data: { ...doc } })
    },
    async updateIf(collection, id, conditions, change) {
      const { command } = open()
      const result = await open()
        .collection(collection)
        .where(whereOf(command, id, conditions))
        .update({ data: dataOf(command, change) })
      return statOf(result, 'updated') > 0
    },
    async removeIf(collection, id, conditions) {
      const { command } = open()
      const result = await open()
        .collection(collection)
        .where(whereOf(command, id, conditions))
        .remove()
      return statOf(result, 'removed') > 0
    },
  }
}
