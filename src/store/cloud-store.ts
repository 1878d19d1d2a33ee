// The DocumentStore over wx-server-sdk's database. The SDK types its database loosely, so the few calls
// used here are written down as narrow interfaces, and every answer is checked before it is trusted.
import { readIncomingError } from '../errors/incoming'
import type { DocChange, DocumentStore, FieldCondition, StoredDoc } from './document-store'

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
  /** `database.addCollection` on the wire; rejects when the collection exists. */
  createCollection(name: string): Promise<unknown>
}

/** What the store says once per container and collection when it had to create one. */
export type CollectionLog = (event: {
  collection: string
  created: boolean
  error?: string
}) => void

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

/** -502005, what the SDK throws for a collection that was never created in the env. */
function isMissingCollection(error: unknown): boolean {
  const { errCode, socketCode } = readIncomingError(error)
  return errCode === -502005 || socketCode === 'DATABASE_COLLECTION_NOT_EXIST'
}

/**
 * `database` is called on first use, so loading the function does no database work. A collection that
 * does not exist yet is created the first time an operation finds it missing, and the operation is
 * tried again: nothing is spent while the collections exist, and a new env needs no manual step.
 */
export function createCloudStore(
  database: () => SdkDatabase,
  logCollection: CollectionLog = () => undefined,
): DocumentStore {
  let db: SdkDatabase | undefined
  const open = (): SdkDatabase => (db ??= database())
  /** Per collection: undefined once created, else why the creation failed. */
  const creations = new Map<string, Promise<string | undefined>>()

  /** Once per container and collection; a failed creation is tried again by a later operation. */
  const create = (collection: string): Promise<string | undefined> => {
    let creation = creations.get(collection)
    if (creation === undefined) {
      creation = open()
        .createCollection(collection)
        .then(
          () => {
            logCollection({ collection, created: true })
            return undefined
          },
          (error: unknown) => {
            creations.delete(collection)
            const { errCode, errMsg } = readIncomingError(error)
            return `${String(errCode)} ${errMsg}`
          },
        )
      creations.set(collection, creation)
    }
    return creation
  }

  const ensuring =
    <A extends unknown[], R>(operation: (collection: string, ...rest: A) => Promise<R>) =>
    async (collection: string, ...rest: A): Promise<R> => {
      try {
        return await operation(collection, ...rest)
      } catch (error) {
        if (!isMissingCollection(error)) throw error
        const failed = await create(collection)
        try {
          return await operation(collection, ...rest)
        } catch (again) {
          // A creation refused because another container won the race is no failure: the retry is.
          if (failed !== undefined) logCollection({ collection, created: false, error: failed })
          throw again
        }
      }
    }

  const get = async (collection: string, id: string): Promise<StoredDoc | undefined> => {
    const result = await open().collection(collection).doc(id).get()
    const data = isRecord(result) ? result.data : undefined
    if (data === null || data === undefined) return undefined
    if (!isRecord(data)) throw new Error('database answer with a non-object document')
    const { _id: _ignored, ...fields } = data
    return fields
  }

  return {
    get: ensuring(get),
    insert: ensuring(async (collection: string, id: string, doc: StoredDoc) => {
      try {
        await open()
          .collection(collection)
          .add({ data: { ...doc, _id: id } })
        return 'inserted' as const
      } catch (error) {
        // The duplicate-key message is not a documented contract; whether the document now exists is.
        if ((await get(collection, id)) !== undefined) return 'exists' as const
        throw error
      }
    }),
    set: ensuring(async (collection: string, id: string, doc: StoredDoc) => {
      await open()
        .collection(collection)
        .doc(id)
        .set({ data: { ...doc } })
    }),
    updateIf: ensuring(
      async (
        collection: string,
        id: string,
        conditions: readonly FieldCondition[],
        change: DocChange,
      ) => {
        const { command } = open()
        const result = await open()
          .collection(collection)
          .where(whereOf(command, id, conditions))
          .update({ data: dataOf(command, change) })
        return statOf(result, 'updated') > 0
      },
    ),
    removeIf: ensuring(
      async (collection: string, id: string, conditions: readonly FieldCondition[]) => {
        const { command } = open()
        const result = await open()
          .collection(collection)
          .where(whereOf(command, id, conditions))
          .remove()
        return statOf(result, 'removed') > 0
      },
    ),
  }
}
