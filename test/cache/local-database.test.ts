// The emulator's database refuses what it does not implement, in the platform's error shape, instead of
// answering something plausible; and it behaves like the platform for what it does implement.
import { databaseActions, LocalDatabase } from '../../emulator/database'
import type { GatewayReply } from '../../emulator/gateway/wire'

async function call(db: LocalDatabase, action: string, params: Record<string, unknown>) {
  const handler = databaseActions(db)[action]
  if (handler === undefined) throw new Error(`no ${action}`)
  const record = { route: 'gateway' as const, method: 'POST', path: '/admin', at: 0 }
  return handler({ wire: 'json', action, params }, { functionName: undefined, record })
}

function codeOf(reply: GatewayReply): string | undefined {
  return reply.kind === 'tcb-error' ? reply.body.code : undefined
}

describe('local database', () => {
  const db = new LocalDatabase({ collections: ['c'] })
  beforeAll(() => db.insert('c', [{ _id: 'a', n: 1, s: 'x' }]))

  it.each([
    ['a query operator it does not know', { query: '{"s":{"$regex":"x"}}' }],
    ['an ObjectId', { query: '{"_id":{"$oid":"5f0000000000000000000000"}}' }],
    ['a transaction', { query: '{"_id":"a"}', transactionId: 't1' }],
    ['an ordered read', { query: '{}', order: '[]' }],
  ])('refuses %s', async (_what, params) => {
    const reply = await call(db, 'database.getDocument', { collectionName: 'c', ...params })
    expect(codeOf(reply)).toBe('DATABASE_INVALID_OPERRATOR')
  })

  it('refuses update operators it does not know, changing nothing', async () => {
    const reply = await call(db, 'database.modifyDocument', {
      collectionName: 'c',
      query: '{"_id":"a"}',
      queryType: 'WHERE',
      data: '{"$inc":{"n":{"$numberInt":"1"}},"$push":{"l":"x"}}',
      merge: true,
    })
    expect(codeOf(reply)).toBe('DATABASE_INVALID_OPERRATOR')
    expect(db.documents('c')[0]).toMatchObject({ n: 1 })
  })

  it('names a missing collection as the platform does', async () => {
    const reply = await call(db, 'database.getDocument', {
      collectionName: 'nope',
      query: '{"_id":"a"}',
      queryType: 'DOC',
    })
    expect(codeOf(reply)).toBe('DATABASE_COLLECTION_NOT_EXIST')
  })

  it('refuses a duplicate _id and updates only when the condition holds', async () => {
    const duplicate = await call(db, 'database.insertDocument', {
      collectionName: 'c',
      data: ['{"_id":"a"}'],
    })
    expect(codeOf(duplicate)).toBe('DATABASE_REQUEST_FAILED')
    const conditional = (limit: number) =>
      call(db, 'database.modifyDocument', {
        collectionName: 'c',
        query: `{"_id":"a","n":{"$lt":{"$numberInt":"${limit}"}}}`,
        queryType: 'WHERE',
        data: '{"$inc":{"n":{"$numberInt":"1"}}}',
        merge: true,
        multi: true,
      })
    expect(await conditional(1)).toMatchObject({ kind: 'data', data: { updated: 0 } })
    expect(await conditional(2)).toMatchObject({ kind: 'data', data: { updated: 1 } })
    expect(db.documents('c')[0]).toMatchObject({ n: 2 })
  })

  it('creates a collection once (database.addCollection); a second creation fails, the first stays', async () => {
    const fresh = new LocalDatabase()
    expect(codeOf(await call(fresh, 'database.addCollection', { collectionName: 'new_one' }))).toBe(
      undefined,
    )
    fresh.insert('new_one', [{ _id: 'kept' }])
    const again = await call(fresh, 'database.addCollection', { collectionName: 'new_one' })
    expect(codeOf(again)).toBe('DATABASE_REQUEST_FAILED')
    expect(fresh.documents('new_one')).toEqual([{ _id: 'kept' }])
    expect(
      codeOf(await call(fresh, 'database.addCollection', { collectionName: 'bad/name' })),
    ).toBe('INVALID_PARAM')
  })
})
