// The documents of one env, in memory (optionally saved to a JSON file after every write). Each
// operation runs to completion synchronously, so it is atomic with respect to every other request, as a
// single-document operation is on the platform's database: a conditional update checks and writes in one
// step, and an insert of an existing _id fails.
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import path from 'node:path'

import { DatabaseError } from './database-error'
import { cloneDoc, parseEjsonObject, stringifyDoc, type Doc } from './ejson'
import { checkQueryPaths, matches } from './query'
import { applyUpdate, checkReplacement } from './update'

export interface LocalDatabaseOptions {
  /** Collections that exist from the start (the platform requires creating them before use). */
  collections?: readonly string[]
  /** A JSON file the documents are loaded from and saved to; default: memory only. */
  persistPath?: string
}

/** An injected outage: every database action fails, with an error or by dropping the connection. */
export type DatabaseOutage = 'error' | 'drop-connection' | undefined

export class LocalDatabase {
  private readonly collections = new Map<string, Map<string, Doc>>()
  private readonly persistPath: string | undefined
  outage: DatabaseOutage = undefined

  constructor(options: LocalDatabaseOptions = {}) {
    this.persistPath = options.persistPath
    if (this.persistPath !== undefined && existsSync(this.persistPath)) this.load(this.persistPath)
    for (const name of options.collections ?? []) this.createCollection(name)
  }

  createCollection(name: string): void {
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(name)) {
      throw new DatabaseError('INVALID_PARAM', `bad collection name "${name}"`)
    }
    if (!this.collections.has(name)) this.collections.set(name, new Map())
    this.save()
  }

  /** `db.createCollection(name)`: a new collection, or a failure when it exists (callers race on it). */
  addCollection(name: string): void {
    if (this.collections.has(name)) {
      // The platform's wording for this case is not documented; callers must not depend on it.
      throw new DatabaseError('DATABASE_REQUEST_FAILED', `collection ${name} already exists`)
    }
    this.createCollection(name)
  }

  /** The names of the collections, in creation order. */
  collectionNames(): string[] {
    return [...this.collections.keys()]
  }

  dropCollection(name: string): void {
    this.collections.delete(name)
    this.save()
  }

  /** A copy of every document of a collection, for tests and the playground. */
  documents(name: string): Doc[] {
    return [...this.collection(name).values()].map(cloneDoc)
  }

  find(name: string, query: Doc, limit = Infinity): Doc[] {
    checkQueryPaths(query)
    const found: Doc[] = []
    for (const doc of this.collection(name).values()) {
      if (found.length >= limit) break
      if (matches(doc, query)) found.push(doc)
    }
    return found
  }

  count(name: string, query: Doc): number {
    return this.find(name, query).length
  }

  /** All or nothing: a duplicate _id anywhere in the batch inserts none of it. */
  insert(name: string, docs: Doc[]): string[] {
    const collection = this.collection(name)
    const ids = docs.map((doc) => {
      const id = doc._id ?? randomBytes(16).toString('hex')
      if (typeof id !== 'string' && typeof id !== 'number') {
        throw new DatabaseError('INVALID_PARAM', '_id must be a string or a number')
      }
      return String(id)
    })
    for (const id of ids) {
      if (collection.has(id) || ids.indexOf(id) !== ids.lastIndexOf(id)) {
        // The shape of MongoDB's duplicate key message, which the platform passes on.
        throw new DatabaseError(
          'DATABASE_REQUEST_FAILED',
          `E11000 duplicate key error collection: ${name} index: _id_ dup key: { _id: "${id}" }`,
        )
      }
    }
    docs.forEach((doc, index) => {
      const id = ids[index] as string
      collection.set(id, Object.assign(cloneDoc(doc), { _id: id }))
    })
    this.save()
    return ids
  }

  /** Operator update of the matching documents (the first only unless `multi`). */
  update(name: string, query: Doc, update: Doc, multi: boolean): number {
    const targets = this.find(name, query, multi ? Infinity : 1)
    // Compute every new document first, so a failing operator changes nothing.
    const updated = targets.map((doc) => applyUpdate(doc, update))
    const collection = this.collection(name)
    for (const doc of updated) collection.set(String(doc._id), doc)
    if (updated.length > 0) this.save()
    return updated.length
  }

  /** Whole-document replacement by _id, inserting when absent (`doc(id).set()`). */
  replace(name: string, id: string, doc: Doc): { updated: number; upsertedId?: string } {
    checkReplacement(doc)
    const collection = this.collection(name)
    const existed = collection.has(id)
    collection.set(id, Object.assign(cloneDoc(doc), { _id: id }))
    this.save()
    return existed ? { updated: 1 } : { updated: 0, upsertedId: id }
  }

  remove(name: string, query: Doc, multi: boolean): number {
    const targets = this.find(name, query, multi ? Infinity : 1)
    const collection = this.collection(name)
    for (const doc of targets) collection.delete(String(doc._id))
    if (targets.length > 0) this.save()
    return targets.length
  }

  private collection(name: string): Map<string, Doc> {
    const collection = this.collections.get(name)
    if (collection === undefined) {
      // The platform's wording for a collection that was never created in this env.
      throw new DatabaseError(
        'DATABASE_COLLECTION_NOT_EXIST',
        `[ResourceNotFound] Db or Table not exist: ${name}. Create the collection first.`,
      )
    }
    return collection
  }

  private load(file: string): void {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string[]>
    for (const [name, docs] of Object.entries(saved)) {
      const collection = new Map<string, Doc>()
      for (const text of docs) {
        const doc = parseEjsonObject(text, `a saved document of ${name}`)
        collection.set(String(doc._id), doc)
      }
      this.collections.set(name, collection)
    }
  }

  private save(): void {
    if (this.persistPath === undefined) return
    const out: Record<string, string[]> = {}
    for (const [name, docs] of this.collections) out[name] = [...docs.values()].map(stringifyDoc)
    mkdirSync(path.dirname(this.persistPath), { recursive: true })
    // Write then rename, so a crash never leaves half a file behind.
    const temporary = `${this.persistPath}.${process.pid}.tmp`
    writeFileSync(temporary, JSON.stringify(out))
    renameSync(temporary, this.persistPath)
  }
}
