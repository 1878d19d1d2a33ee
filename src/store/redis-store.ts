// A DocumentStore on Redis, shared by every process of a server fleet: the result cache, the single
// flight and the daily budget then hold across instances, as the cloud database makes them hold across
// function containers. It takes a client the caller already has and has connected (ioredis or
// node-redis), in the way Powertools' idempotency cache persistence layer does, and owns no connection.
import type { DocChange, DocumentStore, FieldCondition, StoredDoc } from './document-store'
import { DEFAULT_KEEP_MS } from './expiry'
import { commandSender, type RedisClientLike } from './redis-commands'
import { INSERT_SCRIPT, REMOVE_IF_SCRIPT, SET_SCRIPT, UPDATE_IF_SCRIPT } from './redis-scripts'

export interface RedisStoreOptions {
  /** A connected ioredis or node-redis client; the store never connects, quits or reconnects it. */
  client: RedisClientLike
  /** Put before every key, so several apps can share one Redis. Default `ocr-printed-text:`. */
  keyPrefix?: string
  /** How long a document without a future `expiresAt` is kept after its last write; default 2 days. */
  keepMs?: number
  /** The time expiry is reckoned from; injectable for tests. */
  now?: () => number
}

const DOC_MARK = '_doc'

function fieldPairs(doc: StoredDoc): string[] {
  return Object.entries(doc).flatMap(([field, value]) => {
    if (field === DOC_MARK) throw new Error(`store: the field name "${DOC_MARK}" is reserved`)
    return value === undefined ? [] : [field, JSON.stringify(value)]
  })
}

function conditionArgs(conditions: readonly FieldCondition[]): string[] {
  return [
    String(conditions.length),
    ...conditions.flatMap(({ field, op, value }) => [field, op, JSON.stringify(value)]),
  ]
}

function changeArgs(change: DocChange): string[] {
  const sets = fieldPairs(change.set ?? {})
  const incs = Object.entries(change.inc ?? {})
  for (const [field, amount] of incs) {
    // HINCRBY takes whole numbers; the counters count calls.
    if (!Number.isInteger(amount)) throw new Error(`store: inc of "${field}" is not a whole number`)
  }
  return [
    String(sets.length / 2),
    ...sets,
    String(incs.length),
    ...incs.flatMap(([field, amount]) => [field, String(amount)]),
  ]
}

/** HGETALL's flat [field, value, ...] (ioredis, node-redis 4) or a map (node-redis 5 with RESP3). */
function documentOf(reply: unknown): StoredDoc | undefined {
  const pairs: [string, unknown][] = Array.isArray(reply)
    ? reply.flatMap((value, i) => (i % 2 === 0 ? [[String(value), reply[i + 1]]] : []))
    : reply instanceof Map
      ? [...reply.entries()].map(([k, v]) => [String(k), v])
      : typeof reply === 'object' && reply !== null
        ? Object.entries(reply)
        : []
  if (pairs.length === 0) return undefined
  const doc: Record<string, unknown> = {}
  for (const [field, value] of pairs) {
    if (field !== DOC_MARK) doc[field] = JSON.parse(String(value))
  }
  return doc
}

export function createRedisStore(options: RedisStoreOptions): DocumentStore {
  const send = commandSender(options.client)
  const prefix = options.keyPrefix ?? 'ocr-printed-text:'
  const keepMs = options.keepMs ?? DEFAULT_KEEP_MS
  const now = options.now ?? Date.now
  const keyOf = (collection: string, id: string): string => `${prefix}${collection}:${id}`
  const evaluate = async (script: string, key: string, args: string[]): Promise<boolean> =>
    Number(await send(['EVAL', script, '1', key, ...args])) === 1
  // Every write script reckons the key's expiry from the merged document, this time and keepMs.
  const timing = (): string[] => [String(now()), String(keepMs)]

  return {
    async get(collection, id) {
      return documentOf(await send(['HGETALL', keyOf(collection, id)]))
    },
    async insert(collection, id, doc) {
      const created = await evaluate(INSERT_SCRIPT, keyOf(collection, id), [
        ...timing(),
        ...fieldPairs(doc),
      ])
      return created ? 'inserted' : 'exists'
    },
    async set(collection, id, doc) {
      await evaluate(SET_SCRIPT, keyOf(collection, id), [...timing(), ...fieldPairs(doc)])
    },
    async updateIf(collection, id, conditions, change) {
      return evaluate(UPDATE_IF_SCRIPT, keyOf(collection, id), [
        ...timing(),
        ...conditionArgs(conditions),
        ...changeArgs(change),
      ])
    },
    async removeIf(collection, id, conditions) {
      return evaluate(REMOVE_IF_SCRIPT, keyOf(collection, id), conditionArgs(conditions))
    },
  }
}
