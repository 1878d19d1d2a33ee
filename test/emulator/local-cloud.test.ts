// The local cloud's own parts: storage paths and temporary URLs, the quota day, the fault board, the admin
// routes, and the lazy engine.
import { lazyEngine } from '../../emulator/ocr-service/default-engine'
import { FakeEngine } from '../../emulator/ocr-service/fake-engine'
import { FaultBoard } from '../../emulator/ocr-service/faults'
import { DailyQuota } from '../../emulator/ocr-service/quota'
import { REQUEST_LOG_SIZE } from '../../emulator/server/request-log'
import { CloudPathError, normalizeCloudPath } from '../../emulator/storage/local-storage'
import { startLocalCloud } from '../../emulator/index'
import { startTestCloud, type TestCloud } from '../support/local-cloud'
import { pngImage } from '../support/images/formats'

describe('storage paths', () => {
  it.each(['../etc/passwd', 'a/../../b', 'a//b', '', 'a\\b', './a'])('refuses %j', (bad) => {
    expect(() => normalizeCloudPath(bad)).toThrow(CloudPathError)
  })

  it('accepts nested and non-ASCII paths, dropping a leading slash', () => {
    expect(normalizeCloudPath('/用户/a b/c.png')).toBe('用户/a b/c.png')
  })
})

describe('DailyQuota', () => {
  it('turns the day at 16:00 UTC, midnight in Beijing', () => {
    const clock = { time: Date.UTC(2026, 5, 1, 15, 59), now: () => clock.time }
    const quota = new DailyQuota(1, clock)
    expect(quota.tryConsume()).toBe(true)
    expect(quota.tryConsume()).toBe(false)
    clock.time = Date.UTC(2026, 5, 1, 16, 0)
    expect(quota.state()).toEqual({ used: 0, limit: 1, remain: 1 })
  })
})

describe('FaultBoard', () => {
  it('consumes latency and failure faults separately, and keeps "always" faults', () => {
    const board = new FaultBoard([{ kind: 'latency', ms: 5, times: 'always' }])
    board.inject({ kind: 'errcode', errcode: 45009, times: 2, on: 'gateway' })
    expect(board.take('https')).toEqual({ latencyMs: 5, failure: undefined })
    expect(board.take('gateway').failure).toMatchObject({
      errcode: 45009,
      errmsg: 'reach max api daily quota limit',
    })
    board.take('gateway')
    expect(board.take('gateway').failure).toBeUndefined()
    expect(board.list()).toHaveLength(1)
  })

  it('refuses a malformed fault', () => {
    const board = new FaultBoard()
    expect(() => board.inject({ kind: 'latency', ms: -1 })).toThrow()
  })
})

describe('lazyEngine', () => {
  it('loads once, and tries again after a failed load', async () => {
    const engine = new FakeEngine()
    let loads = 0
    const lazy = lazyEngine(async () => {
      loads += 1
      if (loads === 1) throw new Error('models missing')
      return engine
    })
    await expect(lazy.get()).rejects.toThrow('models missing')
    expect(await lazy.get()).toBe(engine)
    expect(await lazy.get()).toBe(engine)
    expect(loads).toBe(2)
    expect(lazy.loaded()).toBe(engine)
  })
})

describe('temporary URLs', () => {
  it('expire after max_age and refuse a forged signature', async () => {
    // Prepare
    const clock = { time: Date.now(), now: () => clock.time }
    const t = await startTestCloud({ clock })
    const fileID = await t.cloud.putFile('x.png', await pngImage(4, 4))
    const response = await fetch(t.cloud.gatewayUrl(), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        action: 'storage.batchGetDownloadUrl',
        file_list: [{ fileid: fileID, max_age: 60 }],
      }),
    })
    const { data } = (await response.json()) as {
      data: { download_list: { tempFileURL: string }[] }
    }
    const url = data.download_list[0]?.tempFileURL ?? ''
    // Act
    const fresh = await fetch(url)
    // Another first character of the signature (one in 16 signatures already starts with 0).
    const forged = await fetch(url.replace(/sign=(\w)/, (_, c) => `sign=${c === '0' ? '1' : '0'}`))
    clock.time += 61_000
    const stale = await fetch(url)
    await t.stop()
    // Assess
    expect([fresh.status, forged.status, stale.status]).toEqual([200, 403, 403])
  })
})

describe('admin routes', () => {
  let t: TestCloud
  beforeEach(async () => {
    t = await startTestCloud()
  })
  afterEach(() => t.stop())

  const admin = (route: string, method = 'GET', body?: unknown) =>
    fetch(`${t.cloud.origin}/__admin/${route}`, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    }).then(async (r) => ({ status: r.status, body: (await r.json()) as Record<string, unknown> }))

  it('arms, lists and clears faults', async () => {
    const armed = await admin('faults', 'POST', [
      { kind: 'errcode', errcode: -1, times: 3 },
      { kind: 'drop-connection' },
    ])
    expect(armed.body['faults']).toHaveLength(2)
    expect(t.cloud.faults.list()[0]).toMatchObject({ kind: 'errcode', times: 3, on: 'both' })
    expect((await admin('faults', 'POST', { kind: 'nonsense' })).status).toBe(400)
    await admin('faults', 'DELETE')
    expect(t.cloud.faults.list()).toEqual([])
  })

  it('reads, limits and resets the quota, and reports itself', async () => {
    expect((await admin('quota', 'POST', { limit: 5 })).body).toEqual({
      used: 0,
      limit: 5,
      remain: 5,
    })
    expect(t.cloud.quota.limit).toBe(5)
    expect((await admin('quota', 'POST', { limit: -1 })).status).toBe(400)
    const info = await admin('info')
    expect(info.body).toMatchObject({ service: 'localcloud', envId: t.cloud.envId })
    expect((await admin('requests')).body['counts']).toMatchObject({ admin: 4 })
  })

  it('names its bucket, starts with no collections and with the sample image stored', async () => {
    const info = (await admin('info')).body
    const fileID = await t.cloud.putFile('a/b.png', await pngImage(8, 8))
    // A fileID can be written from what /__admin/info says.
    expect(fileID).toBe(`cloud://${String(info['envId'])}.${String(info['bucket'])}/a/b.png`)
    expect(info['bucket']).toBe(t.cloud.bucket)
    expect(info['collections']).toEqual([])
    expect(info['sampleFileID']).toBe(
      `cloud://${t.cloud.envId}.${t.cloud.bucket}/samples/seed-notice.png`,
    )
    t.cloud.database.createCollection('made_later')
    expect((await admin('info')).body['collections']).toEqual(['made_later'])
  })

  it('answers an unknown path loudly, with nothing a client would retry', async () => {
    const response = await fetch(`${t.cloud.origin}/cgi-bin/unknown`)
    expect(response.status).toBe(501)
    expect(await response.json()).toMatchObject({ code: 'NOT_IMPLEMENTED', errcode: 501 })
  })

  it('keeps the latest requests only, and exact totals', async () => {
    // Act: more requests than the log keeps.
    const extra = 25
    for (let sent = 0; sent < REQUEST_LOG_SIZE + extra; sent += 25) {
      const batch = Array.from({ length: 25 }, () => fetch(`${t.cloud.origin}/__admin/info`))
      await Promise.all(batch.map(async (response) => (await response).arrayBuffer()))
    }
    // Assess
    expect(t.cloud.requests.list()).toHaveLength(REQUEST_LOG_SIZE)
    expect(t.cloud.requests.count('admin')).toBe(REQUEST_LOG_SIZE + extra)
    expect((await admin('requests')).body['counts']).toMatchObject({
      admin: REQUEST_LOG_SIZE + extra + 1,
    })
    expect(t.cloud.requests.list()).toHaveLength(REQUEST_LOG_SIZE)
  })
})

describe('startLocalCloud options', () => {
  it('refuses an env id the SDK could not use and actions that replace built-in ones', async () => {
    await expect(startLocalCloud({ envId: 'Bad Env' })).rejects.toThrow(RangeError)
    await expect(
      startLocalCloud({
        engine: new FakeEngine(),
        actions: { 'wx.openApi': async () => ({ kind: 'empty-body' }) },
      }),
    ).rejects.toThrow('not replace')
  })
})
