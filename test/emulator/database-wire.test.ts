// The database wire cannot reach the process's prototypes: update and query paths through `__proto__`,
// `constructor` or `prototype` are refused loudly, and stored documents have no prototype to reach.
import { LocalDatabase } from '../../emulator/database'
import { startTestCloud, type TestCloud } from '../support/local-cloud'

let t: TestCloud
beforeEach(async () => {
  t = await startTestCloud({ collections: ['c'] })
})
afterEach(() => {
  // Whatever a failing test did, the next one starts clean.
  delete (Object.prototype as Record<string, unknown>)['times']
  return t.stop()
})

async function action(body: Record<string, unknown>): Promise<Record<string, unknown>> {
  const response = await fetch(t.cloud.gatewayUrl(), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ collectionName: 'c', ...body }),
  })
  return (await response.json()) as Record<string, unknown>
}

describe('prototype paths on the database wire', () => {
  it.each([
    '{"$set":{"__proto__.times":"always"}}',
    '{"$set":{"a.constructor.prototype.times":"always"}}',
    '{"$inc":{"constructor.prototype.times":1}}',
    '{"$unset":{"__proto__.toString":""}}',
  ])('refuses the update %s and leaves Object.prototype alone', async (data) => {
    // Prepare
    await action({ action: 'database.insertDocument', data: ['{"_id":"d","a":{}}'] })
    // Act
    const reply = await action({
      action: 'database.modifyDocument',
      query: '{"_id":"d"}',
      queryType: 'DOC',
      data,
    })
    // Assess
    expect(reply).toMatchObject({ code: 'INVALID_PARAM' })
    expect(String(reply['message'])).toMatch(/__proto__|constructor|prototype/)
    expect(({} as Record<string, unknown>)['times']).toBeUndefined()
    expect(typeof Object.prototype.toString).toBe('function')
    expect(t.cloud.database.documents('c')).toEqual([{ _id: 'd', a: {} }])
  })

  it.each(['{"__proto__.x":1}', '{"constructor":{"$eq":1}}', '{"$or":[{"a.prototype":1}]}'])(
    'refuses the query %s',
    async (query) => {
      const reply = await action({ action: 'database.getDocument', query, queryType: 'WHERE' })
      expect(reply).toMatchObject({ code: 'INVALID_PARAM' })
    },
  )

  it('stores a document with a "__proto__" key as data, and lists it back as it came', async () => {
    // Prepare: JSON.parse makes "__proto__" an own key; a plain object copy would turn it into a prototype.
    const doc = '{"_id":"p","__proto__":{"times":"always"},"n":{"$numberInt":"1"}}'
    // Act
    await action({ action: 'database.insertDocument', data: [doc] })
    const reply = await action({
      action: 'database.getDocument',
      query: '{"_id":"p"}',
      queryType: 'DOC',
    })
    // Assess
    const list = (reply['data'] as { list: string[] }).list
    expect(list.map((text) => JSON.parse(text) as unknown)).toEqual([
      JSON.parse('{"_id":"p","__proto__":{"times":"always"},"n":{"$numberInt":"1"}}'),
    ])
    expect(list[0]).toContain('"__proto__":{"times":"always"}')
    expect(({} as Record<string, unknown>)['times']).toBeUndefined()
  })

  it('keeps documents free of prototypes through updates and copies', () => {
    const db = new LocalDatabase({ collections: ['c'] })
    db.insert('c', [{ _id: 'd', a: { b: 1 } }])
    db.update('c', { _id: 'd' }, { $set: { 'x.y': 2 } }, false)
    const [stored] = db.documents('c')
    expect(Object.getPrototypeOf(stored)).toBeNull()
    expect(Object.getPrototypeOf(stored?.['x'])).toBeNull()
    expect(JSON.stringify(stored)).toBe('{"_id":"d","a":{"b":1},"x":{"y":2}}')
  })
})
