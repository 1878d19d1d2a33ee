// The gateway driven by the real wx-server-sdk in a child process, as an unchanged cloud function would.
import { GATEWAY_ERROR_CODES } from '../../emulator/gateway/errors'
import { WECHAT_ERRORS } from '../../emulator/ocr-service/wechat-errors'
import { startTestCloud, type TestCloud } from '../support/local-cloud'
import { oversizedPng, pngImage } from '../support/images/formats'
import { serveFiles, type LoopbackServer } from '../support/loopback-server'
import { callFixture, callFixtureMany, expectCaught } from '../support/fixture-function'

const OCR_FAIL_PREFIX = 'openapi.ocr.printedText:fail '

describe('gateway through the real wx-server-sdk', () => {
  let t: TestCloud
  let files: LoopbackServer
  let png: Buffer

  beforeAll(async () => {
    png = await pngImage(320, 180)
    files = await serveFiles({
      '/ok.png': { body: png },
      '/gone.png': { status: 404, body: Buffer.from('gone') },
      '/page.html': { type: 'text/html', body: Buffer.from('<html>not an image</html>') },
    })
  })
  beforeEach(async () => {
    t = await startTestCloud()
  })
  afterEach(() => t.stop())
  afterAll(() => files.close())

  it('recognizes image bytes and answers in the SDK camelCase shape', async () => {
    // Prepare
    const event = { op: 'ocrBytes', imageBase64: png.toString('base64') }
    // Act
    const outcome = await callFixture(t, event)
    // Assess
    expect(outcome).toMatchObject({
      ok: true,
      value: { errCode: 0, errMsg: 'openapi.ocr.printedText:ok', imgSize: { w: 320, h: 180 } },
    })
    const value = outcome.ok ? (outcome.value as { items: { pos: object }[] }) : { items: [] }
    expect(value.items.length).toBeGreaterThan(0)
    expect(Object.keys(value.items[0]?.pos ?? {})).toEqual([
      'leftTop',
      'rightTop',
      'rightBottom',
      'leftBottom',
    ])
    expect(t.engine.calls).toBe(1)
    expect(t.cloud.requests.count('gateway', (r) => r.apiName === 'ocr.printedText')).toBe(1)
  })

  it('downloads an imgUrl served on loopback', async () => {
    const outcome = await callFixture(t, { op: 'ocrUrl', imgUrl: `${files.origin}/ok.png` })
    expect(outcome).toMatchObject({ ok: true, value: { imgSize: { w: 320, h: 180 } } })
    expect(files.hits).toContain('/ok.png')
  })

  it('recognizes a fileID after cloud.downloadFile', async () => {
    const fileID = await t.cloud.putFile('uploads/photo.png', png)
    const outcome = await callFixture(t, { op: 'ocrFileID', fileID })
    expect(outcome).toMatchObject({ ok: true, value: { imgSize: { w: 320, h: 180 } } })
    expect(t.cloud.requests.count('storage-file')).toBe(1)
  })

  it('hands out temporary URLs that serve the stored bytes, and marks a missing file', async () => {
    const fileID = await t.cloud.putFile('docs/页面 1.png', png)
    const missing = fileID.replace('页面 1.png', 'absent.png')
    const outcome = await callFixture(t, { op: 'tempUrl', fileList: [fileID, missing] })
    const list = (outcome.ok ? outcome.value : {}) as {
      fileList: { fileID: string; status: number; tempFileURL: string }[]
    }
    expect(list.fileList).toEqual([
      expect.objectContaining({ fileID, status: 0 }),
      expect.objectContaining({ fileID: missing, status: -503003, tempFileURL: '' }),
    ])
    const served = await fetch(encodeURI(list.fileList[0]?.tempFileURL ?? ''))
    expect(Buffer.from(await served.arrayBuffer())).toEqual(png)
  })

  it('downloads bytes unchanged', async () => {
    const fileID = await t.cloud.putFile('a/b/c.png', png)
    const outcome = await callFixture(t, { op: 'download', fileID })
    expect(outcome).toEqual({ ok: true, value: { base64: png.toString('base64') } })
  })

  it('deletes files and reports the ones that did not exist', async () => {
    const fileID = await t.cloud.putFile('tmp/x.png', png)
    const missing = fileID.replace('x.png', 'y.png')
    const outcome = await callFixture(t, { op: 'delete', fileList: [fileID, missing] })
    expect(outcome).toMatchObject({
      ok: true,
      value: {
        fileList: [
          { fileID, status: 0 },
          { fileID: missing, status: -503003 },
        ],
      },
    })
    const again = await callFixture(t, { op: 'download', fileID })
    expect(expectCaught(again).own).toMatchObject({ code: 'STORAGE_FILE_NONEXIST' })
  })

  it('throws STORAGE_FILE_NONEXIST when downloading a missing file', async () => {
    const fileID = `cloud://${t.cloud.envId}.bucket/none.png`
    const caught = expectCaught(await callFixture(t, { op: 'ocrFileID', fileID }))
    expect(caught.own).toMatchObject({ code: 'STORAGE_FILE_NONEXIST', errCode: -1 })
    expect(t.engine.calls).toBe(0)
  })

  it('answers -604101 to a function whose config.json lacks the permission', async () => {
    const event = { op: 'ocrBytes', imageBase64: png.toString('base64') }
    const caught = expectCaught(await callFixture(t, event, 'noPermission'))
    expect(caught.own).toEqual({
      errCode: GATEWAY_ERROR_CODES.noPermission,
      errMsg: `system error: error code: ${GATEWAY_ERROR_CODES.noPermission}`,
    })
    expect(t.engine.calls).toBe(0)
    expect(t.cloud.quota.used).toBe(0)
  })

  it('answers -604100 to an API it does not know', async () => {
    const caught = expectCaught(await callFixture(t, { op: 'otherApi', imgUrl: 'x' }))
    expect(caught.own['errCode']).toBe(GATEWAY_ERROR_CODES.apiNotFound)
  })

  it.each([
    ['a host beyond loopback', 'http://example.com/a.png'],
    ['an unreachable port', 'http://127.0.0.1:1/a.png'],
    ['a 404', '/gone.png'],
    ['a page that is not an image', '/page.html'],
  ])('answers 101000 for an imgUrl on %s', async (_what, url) => {
    const imgUrl = url.startsWith('/') ? `${files.origin}${url}` : url
    const caught = expectCaught(await callFixture(t, { op: 'ocrUrl', imgUrl }))
    expect(caught.own).toMatchObject({ errCode: WECHAT_ERRORS.invalidImageUrl.errcode })
    expect(String(caught.own['errMsg'])).toContain(
      `${OCR_FAIL_PREFIX}${WECHAT_ERRORS.invalidImageUrl.errmsg}`,
    )
  })

  it('answers 101002 for an image over 2 MB without running the engine', async () => {
    const big = await oversizedPng()
    expect(big.length).toBeGreaterThan(2 * 1024 * 1024)
    const caught = expectCaught(
      await callFixture(t, { op: 'ocrBytes', imageBase64: big.toString('base64') }),
    )
    expect(caught.own).toMatchObject({ errCode: WECHAT_ERRORS.imageTooLarge.errcode })
    expect(String(caught.own['errMsg'])).toContain(WECHAT_ERRORS.imageTooLarge.errmsg)
    expect(t.engine.calls).toBe(0)
  })

  it('answers 101002 for bytes that are no image', async () => {
    const garbage = Buffer.from('this is not an image at all').toString('base64')
    const caught = expectCaught(await callFixture(t, { op: 'ocrBytes', imageBase64: garbage }))
    expect(caught.own).toMatchObject({
      errCode: WECHAT_ERRORS.decodeFailed.errcode,
      errMsg: expect.stringContaining(`${OCR_FAIL_PREFIX}${WECHAT_ERRORS.decodeFailed.errmsg}`),
    })
  })

  it('answers 45009 once the daily quota is spent', async () => {
    // Prepare
    await t.stop()
    t = await startTestCloud({ dailyQuota: 2 })
    const imageBase64 = png.toString('base64')
    // Act
    const list = await callFixtureMany(t, { each: 'ocrBytes', times: 3, imageBase64 })
    // Assess
    expect(list.filter((o) => o.ok)).toHaveLength(2)
    expect(list.flatMap((o) => (o.ok ? [] : [o.own['errCode']]))).toEqual([
      WECHAT_ERRORS.dailyQuotaReached.errcode,
    ])
    expect(t.cloud.quota.used).toBe(2)
    t.cloud.quota.reset()
    const after = await callFixture(t, { op: 'ocrBytes', imageBase64 })
    expect(after.ok).toBe(true)
  })

  it('fails loudly on an action it does not implement (cloud.uploadFile)', async () => {
    const caught = expectCaught(await callFixture(t, { op: 'upload', cloudPath: 'x.png' }))
    expect(String(caught.own['errMsg'])).toContain(
      'action "storage.getUploadMetadata" is not implemented',
    )
    const action = 'storage.getUploadMetadata'
    expect(t.cloud.requests.count('gateway', (r) => r.action === action)).toBe(1)
  })

  it('answers a read of a collection that was never created as the platform does (-502005)', async () => {
    const caught = expectCaught(
      await callFixture(t, { op: 'dbGet', collection: 'never_created', id: 'd' }),
    )
    expect(String(caught.own['errMsg'])).toContain('-502005')
    expect(t.cloud.requests.count('gateway', (r) => r.action === 'database.getDocument')).toBe(1)
  })
})
