// The small slice of the cloud database the cache and the counters need, in our own terms. Every write
// that decides something (a claim, a counted unit) is a single conditional operation, so it stays atomic
// on the platform's database and in the emulator alike; nothing here reads and then writes.

export type StoredDoc = Readonly<Record<string, unknown>>

/** One condition on a top-level field of the document; all conditions of a call must hold. */
export interface FieldCondition {
  readonly field: string
  readonly op: 'eq' | 'lt' | 'lte' | 'gt'
  readonly value: string | number
}

export interface DocChange {
  /** Fields to overwrite. */
  readonly set?: StoredDoc
  /** Fields to add to (atomically, on the server). */
  readonly inc?: Readonly<Record<string, number>>
}

export interface DocumentStore {
  /** The document with this _id, without its _id, or undefined when there is none. */
  get(collection: string, id: string): Promise<StoredDoc | undefined>
  /** Creates the document; 'exists' when one with this _id is already there (the claim primitive). */
  insert(collection: string, id: string, doc: StoredDoc): Promise<'inserted' | 'exists'>
  /** Creates or replaces the whole document. */
  set(collection: string, id: string, doc: StoredDoc): Promise<void>
  /** Applies `change` to document `id` only if every condition holds; true when it did. */
  updateIf(
    collection: string,
    id: string,
    conditions: readonly FieldCondition[],
    change: DocChange,
  ): Promise<boolean>
  /** Removes document `id` only if every condition holds; true when it did. */
  removeIf(collection: string, id: string, conditions: readonly FieldCondition[]): Promise<boolean>
}
