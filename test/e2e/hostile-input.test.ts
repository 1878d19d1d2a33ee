// Input that cannot succeed, through the built function and the real SDK against the local cloud: each
// case clones a good sample event and breaks one field, and the platform must see exactly zero OCR calls.
import { promises as fs } from 'node:fs'
import path from 'node:path'

import { FakeEngine } from '../../emulator/ocr-service/fake-engine'
import {
  breakOne,
  insideUrlPath,
  sampleEvent,
  URL_CREDENTIALS,
  URL_PASSWORD,
  withoutSchemeSlashes,
  withUserInfo,
} from '../support/events'
import { IMAGE_TYPES, imageOf } from '../support/images/formats'
import { undecodableImages } from '../support/images/crafted'
import { node16Binary } from '../runtime/node16'
import { LOOPBACK_ONLY_NODE_OPTIONS } from '../support/child-guard'
import { callFunction, errorOf } from '../support/built-function'
import { startTestCloud, type TestCloud } from '../support/local-cloud'

const OPENID = 'oE2eUser0003'
let e2e: TestCloud
let png: Buffer

beforeAll(async () => {
  e2e = await startTestCloud({ functions: 'built', engine: new FakeEngine() })
  png = await imageOf('png', 64, 32)
})
afterAll(() => e2e.stop())
beforeEach(() => e2e.cloud.requests.clear())

const imgEvent = sampleEvent('img-base64')
const withValue = (bytes: Buffer) =>
  breakOne(imgEvent, (e) => ((e.img as Record<string, unknown>).value = bytes.toString('base64')))
/** The console's fileID sample, asking for the file to be deleted after reading. */
const fileEvent: Record<string, unknown> = { ...sampleEvent('file-id'), deleteAfter: true }
const stored = (cloudPath: string) => path.join(e2e.cloud.storageDir, cloudPath)
const exists = (file: string) =>
  fs.stat(file).then(
    () => true,
    () => false,
  )

describe('damaged images spend nothing', () => {
  it.each(IMAGE_TYPES)(
    '%s: a valid signature followed by garbage is IMAGE_CORRUPT',
    async (type) => {
      const image = await imageOf(type)
      const broken = Buffer.concat([image.subarray(0, 16), Buffer.alloc(600, 0x5a)])
      const { reply } = await callFunction(e2e, withValue(broken))
      expect(errorOf(reply)).toMatchObject({ code: 'IMAGE_CORRUPT', retryable: false })
      expect(e2e.platformCalls()).toBe(0)
    },
  )

  it('an image whose container is whole but no decoder accepts is IMAGE_CORRUPT, on Node 16 too', async () => {
    // Prepare
    const images = await undecodableImages()
    const runtimes = [{}, { nodeBinary: node16Binary() }]
    // Act
    const codes: string[] = []
    for (const runtime of runtimes) {
      for (const [label, bytes] of images) {
        const { reply } = await callFunction(e2e, withValue(bytes), runtime)
        codes.push(`${label}: ${errorOf(reply).code}`)
      }
    }
    // Assess
    const expected = images.map(([label]) => `${label}: IMAGE_CORRUPT`)
    expect(codes).toEqual([...expected, ...expected])
    expect(e2e.platformCalls()).toBe(0)
  })

  it('a whole PNG passes the image-data check on Node 16, and is sent once', async () => {
    const { reply } = await callFunction(e2e, withValue(png), { nodeBinary: node16Binary() })
    expect(reply.ok).toBe(true)
    expect(e2e.platformCalls()).toBe(1)
  })

  it('a whole image is logged with its dimensions', async () => {
    const { reply, stdout } = await callFunction(e2e, withValue(png))
    expect(reply.ok).toBe(true)
    expect(stdout).toContain('"imgSize":{"w":64,"h":32}')
    expect(e2e.platformCalls()).toBe(1)
  })
})

describe('imgUrl is refused when a lenient parser would change it', () => {
  const good = sampleEvent('img-url')
  const url = good.imgUrl as string
  it.each([
    ['surrounding spaces', ` ${url} `],
    ['a newline inside', insideUrlPath(url, '\n')],
    ['a tab inside', insideUrlPath(url, '\t')],
    ['no slashes after the scheme', withoutSchemeSlashes(url)],
  ])('%s: INVALID_REQUEST, no call', async (_label, imgUrl) => {
    const { reply } = await callFunction(
      e2e,
      breakOne(good, (e) => (e.imgUrl = imgUrl)),
    )
    expect(errorOf(reply).code).toBe('INVALID_REQUEST')
    expect(e2e.cloud.requests.count('gateway')).toBe(0)
  })

  it.each(URL_CREDENTIALS)(
    'credentials, %s: INVALID_REQUEST, no call, the password in no output',
    async (_label, userinfo) => {
      // Act
      const call = await callFunction(
        e2e,
        breakOne(good, (e) => (e.imgUrl = withUserInfo(url, userinfo))),
      )
      // Assess
      expect(errorOf(call.reply).code).toBe('INVALID_REQUEST')
      expect(e2e.platformCalls()).toBe(0)
      expect(e2e.cloud.requests.count('gateway')).toBe(0)
      expect(JSON.stringify(call)).not.toContain(URL_PASSWORD)
    },
  )
})

describe('deleteAfter holds once the file was read', () => {
  it.each([
    ['not an image', () => Buffer.from('just some text, no image'), 'UNSUPPORTED_IMAGE'],
    [
      'a damaged PNG',
      () => Buffer.concat([png.subarray(0, 40), Buffer.alloc(99, 1)]),
      'IMAGE_CORRUPT',
    ],
    ['over 2 MB', () => Buffer.concat([png, Buffer.alloc(2 * 1024 * 1024)]), 'IMAGE_TOO_LARGE'],
  ])('%s: refused, no OCR call, and the file is gone', async (label, bytes, code) => {
    const cloudPath = `ocr-uploads/${OPENID}/${label.replace(/\W/g, '-')}.png`
    const fileID = await e2e.cloud.putFile(cloudPath, bytes())
    const event = breakOne(fileEvent, (e) => (e.fileID = fileID))
    const { reply, stdout } = await callFunction(e2e, event, { openid: OPENID })
    expect(errorOf(reply).code).toBe(code)
    expect(e2e.platformCalls()).toBe(0)
    expect(await exists(stored(cloudPath))).toBe(false)
    expect(stdout).toContain('"deleted":true')
  })
})

describe('the OPENID is a string, and a caller without one fails closed', () => {
  it.each(['', '0', '007'])(
    "OPENID %j cannot read another user's upload, nor delete it",
    async (openid) => {
      const cloudPath = `ocr-uploads/oSomeoneElse/private-${openid || 'empty'}.png`
      const fileID = await e2e.cloud.putFile(cloudPath, png)
      const event = breakOne(fileEvent, (e) => (e.fileID = fileID))
      const { reply } = await callFunction(e2e, event, { openid })
      expect(errorOf(reply).code).toBe('FILE_FORBIDDEN')
      expect(e2e.cloud.requests.count('gateway')).toBe(0)
      expect(await exists(stored(cloudPath))).toBe(true)
    },
  )

  it('OPENID "007" reads its own upload under ocr-uploads/007/', async () => {
    const fileID = await e2e.cloud.putFile('ocr-uploads/007/mine.png', png)
    const event = breakOne(fileEvent, (e) => (e.fileID = fileID))
    const { reply } = await callFunction(e2e, event, { openid: '007' })
    expect(reply.ok).toBe(true)
    expect(e2e.platformCalls()).toBe(1)
  })

  it('a call without an OPENID reads outside the prefix only from a trusted source', async () => {
    const fileID = await e2e.cloud.putFile('avatars/a.png', png)
    const event = { fileID }
    const web = await callFunction(e2e, event, { env: { TCB_SOURCE: 'wx_http' } })
    expect(errorOf(web.reply).code).toBe('FILE_FORBIDDEN')
    expect(e2e.cloud.requests.count('gateway')).toBe(0)
    const fn = await callFunction(e2e, event, { env: { TCB_SOURCE: 'scf' } })
    expect(fn.reply.ok).toBe(true)
    const allowed = await callFunction(e2e, event, {
      env: { TCB_SOURCE: 'my_console', OCR_TRUSTED_SOURCES: 'scf,my_console' },
    })
    expect(allowed.reply.ok).toBe(true)
  })
})

test('a 200 MB upload answers IMAGE_TOO_LARGE without the function holding it (< 150 MB RSS)', async () => {
  // Prepare: a sparse 200 MB file that starts like a PNG, written in no time.
  const cloudPath = `ocr-uploads/${OPENID}/huge.png`
  const fileID = await e2e.cloud.putFile(cloudPath, png)
  await fs.truncate(stored(cloudPath), 200 * 1024 * 1024)
  try {
    const event = breakOne(fileEvent, (e) => (e.fileID = fileID))
    const peakRss = path.join(__dirname, '..', 'support', 'report-peak-rss.cjs')
    // Act
    const run = await callFunction(e2e, event, {
      openid: OPENID,
      env: { NODE_OPTIONS: `${LOOPBACK_ONLY_NODE_OPTIONS} --require ${peakRss}` },
    })
    // Assess
    expect(errorOf(run.reply).code).toBe('IMAGE_TOO_LARGE')
    expect(e2e.platformCalls()).toBe(0)
    const kib = Number(/\[peak-rss-kib\] (\d+)/.exec(run.stderr)?.[1])
    expect(kib).toBeGreaterThan(0)
    expect(kib / 1024).toBeLessThan(150)
    expect(await exists(stored(cloudPath))).toBe(false)
  } finally {
    await fs.rm(stored(cloudPath), { force: true })
  }
}, 60_000)
