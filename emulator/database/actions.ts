// The gateway actions behind wx-server-sdk's database calls, reading the JSON params
// @cloudbase/database sends (collectionName, query / data as EJSON strings, queryType DOC or WHERE,
// multi, merge, upsert) and answering the `data` each SDK method reads.
import { setTimeout as sleep } from 'node:timers/promises'

import { z } from 'zod'

import type { ActionHandler, GatewayReply, GatewayRequest } from '../gateway/wire'
import { newRequestId, tcbError } from '../gateway/errors'
import { DatabaseError, unsupported } from './database-error'
import { parseEjsonObject, stringifyDoc, type Doc } from './ejson'
import type { LocalDatabase } from './local-database'

const BaseSchema = z.looseObject({
  collectionName: z.string().min(1),
  query: z.string().optional(),
  queryType: z.enum(['DOC', 'WHERE']).optional(),
  transactionId: z.string().optional(),
})
const GetSchema = BaseSchema.extend({
  limit: z.number().int().positive().optional(),
  offset: z.number().int().nonnegative().optional(),
  order: z.string().optional(),
  projection: z.string().optional(),
})
const InsertSchema = BaseSchema.extend({ data: z.array(z.string()).min(1) })
const ModifySchema = BaseSchema.extend({
  data: z.string(),
  multi: z.boolean().optional(),
  merge: z.boolean().optional(),
  upsert: z.boolean().optional(),
})
const RemoveSchema = BaseSchema.extend({ multi: z.boolean().optional() })

function paramsOf<T extends z.ZodType>(request: GatewayRequest, schema: T): z.infer<T> {
  const parsed = schema.safeParse(request.wire === 'json' ? request.params : undefined)
  if (!parsed.success) {
    throw new DatabaseError(
      'INVALID_PARAM',
      `bad database params: ${parsed.error.issues[0]?.message}`,
    )
  }
  if ((parsed.data as z.infer<typeof BaseSchema>).transactionId !== undefined) {
    throw unsupported('a transaction')
  }
  return parsed.data
}

function queryOf(text: string | undefined): Doc {
  return text === undefined || text === '' ? {} : parseEjsonObject(text, 'query')
}

/** A DOC query names one document by _id, and nothing else. */
function docIdOf(query: Doc): string {
  const id = query._id
  if (Object.keys(query).length !== 1 || (typeof id !== 'string' && typeof id !== 'number')) {
    throw new DatabaseError('INVALID_PARAM', 'a DOC query must be exactly {_id}')
  }
  return String(id)
}

function data(value: unknown): GatewayReply {
  return { kind: 'data', requestId: newRequestId(), data: value }
}

type Operation = (request: GatewayRequest) => GatewayReply

function operations(db: LocalDatabase): Record<string, Operation> {
  return {
    'database.getDocument': (request) => {
      const params = paramsOf(request, GetSchema)
      if (params.order !== undefined || params.projection !== undefined || params.offset) {
        throw unsupported('orderBy, field and skip')
      }
      const query = queryOf(params.query)
      if (params.queryType === 'DOC') docIdOf(query)
      const list = db.find(params.collectionName, query, params.limit ?? 100).map(stringifyDoc)
      return data({ list, limit: params.limit ?? 100, offset: 0 })
    },
    'database.insertDocument': (request) => {
      const params = paramsOf(request, InsertSchema)
      const docs = params.data.map((text) => parseEjsonObject(text, 'document'))
      return data({ insertedIds: db.insert(params.collectionName, docs) })
    },
    'database.modifyDocument': (request) => {
      const params = paramsOf(request, ModifySchema)
      const query = queryOf(params.query)
      const change = parseEjsonObject(params.data, 'data')
      if (params.merge === false) {
        // doc(id).set(): replace, creating when absent.
        if (params.queryType !== 'DOC' || params.upsert !== true) {
          throw unsupported('a replacement that is not doc(id).set()')
        }
        const { updated, upsertedId } = db.replace(params.collectionName, docIdOf(query), change)
        return data(upsertedId === undefined ? { updated } : { updated, upsert_id: upsertedId })
      }
      if (params.upsert === true) throw unsupported('update with upsert')
      if (params.queryType === 'DOC') docIdOf(query)
      const multi = params.queryType === 'WHERE' && params.multi !== false
      return data({ updated: db.update(params.collectionName, query, change, multi) })
    },
    'database.removeDocument': (request) => {
      const params = paramsOf(request, RemoveSchema)
      const query = queryOf(params.query)
      if (params.queryType === 'DOC') docIdOf(query)
      const multi = params.queryType === 'WHERE' && params.multi !== false
      return data({ deleted: db.remove(params.collectionName, query, multi) })
    },
    // db.createCollection(name) (@cloudbase/database sends `database.addCollection`).
    'database.addCollection': (request) => {
      const params = paramsOf(request, BaseSchema)
      db.addCollection(params.collectionName)
      return data({})
    },
    'database.calculateDocument': (request) => {
      const params = paramsOf(request, BaseSchema)
      return data({ total: db.count(params.collectionName, queryOf(params.query)) })
    },
  }
}

/** Where a database action learns it must be slow (the `database-latency` fault), and when to stop. */
export interface DatabaseDelays {
  takeDatabaseDelay(collection: string | undefined): number
  signal: AbortSignal
}

/** The collection an action names, read loosely: the operation itself checks its parameters. */
function collectionOf(request: GatewayRequest): string | undefined {
  if (request.wire !== 'json') return undefined
  const { collectionName } = request.params
  return typeof collectionName === 'string' ? collectionName : undefined
}

/** The action map to register with the gateway (startLocalCloud does; tests may build their own). */
export function databaseActions(
  db: LocalDatabase,
  delays?: DatabaseDelays,
): Record<string, ActionHandler> {
  const handlers: Record<string, ActionHandler> = {}
  for (const [action, operation] of Object.entries(operations(db))) {
    handlers[action] = async (request) => {
      const delayMs = delays?.takeDatabaseDelay(collectionOf(request)) ?? 0
      if (delayMs > 0) {
        // Held before the operation, which then runs as one step: a slow database, still atomic. A
        // cloud that stops meanwhile drops the connection instead of answering.
        const held = await sleep(delayMs, true, { signal: delays?.signal }).catch(() => false)
        if (!held) return { kind: 'drop-connection' }
      }
      if (db.outage === 'drop-connection') return { kind: 'drop-connection' }
      if (db.outage === 'error') {
        return {
          kind: 'tcb-error',
          body: tcbError('DATABASE_REQUEST_FAILED', 'database unavailable (injected outage)'),
        }
      }
      try {
        // Synchronous from here to the answer: the operation is atomic.
        return operation(request)
      } catch (error) {
        if (!(error instanceof DatabaseError)) throw error
        return { kind: 'tcb-error', body: tcbError(error.code, error.message) }
      }
    }
  }
  return handlers
}
