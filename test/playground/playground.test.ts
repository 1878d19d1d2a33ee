// The playground page in a real browser: Debian's chromium, driven by playwright-core, against a local cloud
// in this process with the real OCR engine. The page sends everything through the unchanged built function.
import { promises as fs } from 'node:fs'
import path from 'node:path'

import type { Page } from 'playwright-core'

import type { LocalCloud } from '../../emulator'
import { ERROR_CATALOG } from '../../src/errors/catalog'
import { OcrReplySchema, type OcrSuccess } from '../../src/reply/schema'
import { generateTextImage, slideScene, type GeneratedImage } from '../support/images'
import { startTestCloud, type TestCloud } from '../support/local-cloud'
import { serveFiles } from '../support/loopback-server'
import { LOOPBACK_ONLY_NODE_OPTIONS } from '../support/child-guard'
import { openPlaygroundBrowser, runAndWait, type PlaygroundBrowser } from './browser'

const REPO = path.join(__dirname, '..', '..')
const SCREENSHOT = path.join(REPO, 'test-artifacts', 'playground.png')

let t: TestCloud<undefined> | undefined
let cloud: LocalCloud
let browser: PlaygroundBrowser
let page: Page
let slide: GeneratedImage
const savedNodeOptions = process.env['NODE_OPTIONS']

beforeAll(async () => {
  // The function runs in a child that inherits NODE_OPTIONS: hold it to the loopback-only rule too.
  process.env['NODE_OPTIONS'] = LOOPBACK_ONLY_NODE_OPTIONS
  // No engine injected: the real one, so the boxes and text on the page are what PP-OCRv4 read.
  t = await startTestCloud({ functions: 'built', engine: 'real' })
  cloud = t.cloud
  slide = await generateTextImage(slideScene())
  browser = await openPlaygroundBrowser()
  page = browser.page
  await page.goto(`${cloud.origin}/`)
  await page.locator('body[data-ready="true"]').waitFor()
}, 60_000)

// The function caches what it recognized (it creates ocr_cache on first use): each test sends its image
// to the platform afresh.
beforeEach(() => {
  if (cloud.database.collectionNames().includes('ocr_cache'))
    cloud.database.dropCollection('ocr_cache')
})

afterAll(async () => {
  await browser?.close()
  await t?.stop()
  if (savedNodeOptions === undefined) delete process.env['NODE_OPTIONS']
  else process.env['NODE_OPTIONS'] = savedNodeOptions
})

/** A loopback server with one image on it, standing in for a public image URL. */
async function serveImage(bytes: Buffer): Promise<{ url: string; close(): Promise<void> }> {
  const server = await serveFiles({ '/slide.png': { body: bytes } })
  return { url: `${server.origin}/slide.png`, close: server.close }
}

function withoutSpaces(text: string): string {
  return text.replace(/\s+/g, '')
}

async function upload(name: string, mimeType: string, buffer: Buffer): Promise<void> {
  await runAndWait(page, () => page.setInputFiles('#file-input', { name, mimeType, buffer }))
}

async function shownReply(): Promise<unknown> {
  return JSON.parse((await page.locator('#reply-json').textContent()) ?? '') as unknown
}

async function shownEvent(): Promise<unknown> {
  return JSON.parse((await page.locator('#event-json').textContent()) ?? '') as unknown
}

async function expectHighlighted(index: number): Promise<void> {
  const box = page.locator('#boxes polygon').nth(index)
  const line = page.locator('#lines li').nth(index)
  expect(await box.getAttribute('class')).toBe('highlighted')
  expect(await line.getAttribute('class')).toBe('highlighted')
  expect(await page.locator('#boxes polygon.highlighted').count()).toBe(1)
  expect(await page.locator('#lines li.highlighted').count()).toBe(1)
}

test('an uploaded image comes back with one box per recognized line, and the text of the truth', async () => {
  await upload('slide.png', 'image/png', slide.bytes)

  expect(await page.locator('#result').getAttribute('data-state')).toBe('done')
  const reply = OcrReplySchema.parse(await shownReply())
  if (!reply.ok) throw new Error(`recognition failed: ${JSON.stringify(reply.error)}`)
  const success: OcrSuccess = reply
  expect(success.imgSize).toEqual({ w: slide.truth.w, h: slide.truth.h })
  // One polygon and one list line per recognized line, and every truth line recognized.
  const polygons = page.locator('#boxes polygon')
  expect(await polygons.count()).toBe(success.items.length)
  expect(await page.locator('#lines li').count()).toBe(success.items.length)
  expect(success.items).toHaveLength(slide.truth.lines.length)
  // PP-OCRv4 sometimes drops the space between English words: compare without spaces.
  const shown = await page.locator('#lines li').allTextContents()
  expect(shown.map(withoutSpaces)).toEqual(
    slide.truth.lines.map((line) => withoutSpaces(line.text)),
  )
  // Each polygon is its item's quadrilateral, in image pixels under a viewBox of the image's size.
  expect(await page.locator('#boxes').getAttribute('viewBox')).toBe(
    `0 0 ${slide.truth.w} ${slide.truth.h}`,
  )
  const first = success.items[0]?.pos
  expect(first).toBeDefined()
  if (first !== undefined) {
    const { leftTop: a, rightTop: b, rightBottom: c, leftBottom: d } = first
    expect(await polygons.first().getAttribute('points')).toBe(
      `${a.x},${a.y} ${b.x},${b.y} ${c.x},${c.y} ${d.x},${d.y}`,
    )
  }
  // The overlay covers exactly the shown image, so the viewBox maps pixels to pixels.
  const imageBox = await page.locator('#preview').boundingBox()
  const overlayBox = await page.locator('#boxes').boundingBox()
  expect(imageBox).not.toBeNull()
  for (const key of ['x', 'y', 'width', 'height'] as const) {
    expect(overlayBox?.[key]).toBeCloseTo(imageBox?.[key] ?? NaN, 0)
  }
  // The same path as `npm run ocr`: stored under the CLI user's prefix, sent as a fileID, then deleted.
  expect(await shownEvent()).toEqual({
    fileID: expect.stringMatching(
      /^cloud:\/\/local-env\.[^/]+\/ocr-uploads\/oLocalCliUser\/.+\.png$/,
    ),
    deleteAfter: true,
  })
  expect(await page.locator('#duration').textContent()).toMatch(/^\d+ ms$/)
  expect(await page.locator('#quota-used').textContent()).toBe('1')
  expect(await page.locator('#error-box').isHidden()).toBe(true)
}, 90_000)

test('hovering a box highlights its line, and hovering a line highlights its box', async () => {
  await page.locator('#boxes polygon').nth(2).hover()
  await expectHighlighted(2)
  await page.locator('#lines li').nth(4).hover()
  await expectHighlighted(4)
  // Keyboard users get the same: a focused line lights its box.
  await page.locator('#lines li').nth(6).focus()
  await expectHighlighted(6)
  await page.locator('#lines li').nth(6).blur()
  expect(await page.locator('.highlighted').count()).toBe(0)
  await page.locator('#boxes polygon').nth(0).hover()
  await expectHighlighted(0)

  await fs.mkdir(path.dirname(SCREENSHOT), { recursive: true })
  await page.screenshot({ path: SCREENSHOT, fullPage: true })
})

test('an armed 45009 fault and latency: the error code, messages and hint are shown', async () => {
  await page.fill('#fault-errcode', '45009')
  await page.click('#errcode-form button')
  await page.fill('#fault-latency', '300')
  await page.click('#latency-form button')
  await page.locator('#fault-list li', { hasText: 'errcode 45009' }).waitFor()
  await page.locator('#fault-list li', { hasText: 'latency 300 ms' }).waitFor()
  expect(cloud.faults.list()).toHaveLength(2)

  await upload('slide.png', 'image/png', slide.bytes)

  const expected = ERROR_CATALOG.QUOTA_EXHAUSTED
  expect(await page.locator('#result').getAttribute('data-state')).toBe('error')
  expect(await page.locator('#error-box').isVisible()).toBe(true)
  expect(await page.locator('#error-code').textContent()).toBe('QUOTA_EXHAUSTED')
  expect(await page.locator('#error-errcode').textContent()).toBe('errCode 45009')
  expect(await page.locator('#error-hint').textContent()).toBe(expected.hint)
  expect(await page.locator('#error-user-message').textContent()).toBe(expected.userMessage)
  expect(await page.locator('#error-message').textContent()).not.toBe('')
  expect(await page.locator('#error-request-id').textContent()).not.toBe('')
  expect(await page.locator('#boxes polygon').count()).toBe(0)
  expect(
    Number((await page.locator('#duration').textContent())?.replace(' ms', '')),
  ).toBeGreaterThan(300)
  // Both faults were spent on that one call, and the page shows it.
  await page.locator('#fault-list li.empty').waitFor()
  expect(cloud.faults.list()).toEqual([])
})

test('a dropped file that is not an image is refused as UNSUPPORTED_IMAGE, spending no quota', async () => {
  const used = cloud.quota.used
  // A real drop: a DataTransfer holding a File, dispatched on the drop zone.
  const dataTransfer = await page.evaluateHandle(`(() => {
    const transfer = new DataTransfer()
    transfer.items.add(new File(['not an image at all\\n'], 'notes.txt', { type: 'text/plain' }))
    return transfer
  })()`)
  await runAndWait(page, () => page.dispatchEvent('#drop-zone', 'drop', { dataTransfer }))

  expect(await page.locator('#error-code').textContent()).toBe('UNSUPPORTED_IMAGE')
  expect(await page.locator('#error-hint').textContent()).toBe(ERROR_CATALOG.UNSUPPORTED_IMAGE.hint)
  expect(await shownEvent()).toMatchObject({ fileID: expect.stringMatching(/\.txt$/) })
  expect(cloud.quota.used).toBe(used)
})

test('a pasted image URL is fetched by the local cloud and shown with its boxes', async () => {
  const server = await serveImage(slide.bytes)
  try {
    await page.fill('#url-input', server.url)
    await runAndWait(page, () => page.click('#url-form button'))
    // The preview is the page's own request to the image's host, made once the reply is shown: the
    // host must stay up until it is drawn, or the browser logs a refused connection.
    await page.waitForFunction(
      `(() => { const img = document.querySelector('#preview'); return img.complete && img.naturalWidth > 0 })()`,
    )
  } finally {
    await server.close()
  }

  expect(await shownEvent()).toEqual({ imgUrl: server.url })
  expect(await page.locator('#preview').getAttribute('src')).toBe(server.url)
  const shown = await page.locator('#lines li').allTextContents()
  expect(await page.locator('#boxes polygon').count()).toBe(shown.length)
  expect(shown.map(withoutSpaces)).toEqual(
    slide.truth.lines.map((line) => withoutSpaces(line.text)),
  )
})

test.each([
  'javascript:alert(document.domain)',
  ' JaVaScRiPt:alert(1)',
  'data:image/svg+xml,<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
  'vbscript:msgbox(1)',
])('a typed %s URL is refused by the function and never put in the preview', async (typed) => {
  // Prepare
  const ocrCalls = () =>
    cloud.requests.count('gateway', (request) => request.apiName === 'ocr.printedText')
  const callsBefore = ocrCalls()
  // Act
  await page.fill('#url-input', typed)
  await runAndWait(page, () => page.click('#url-form button'))
  // Assess
  expect(await page.locator('#error-code').textContent()).toBe('INVALID_REQUEST')
  expect(await page.locator('#preview').getAttribute('src')).toBeNull()
  expect(ocrCalls()).toBe(callsBefore)
})

test('the raw event editor is prefilled with the samples and sends the chosen one', async () => {
  const sampleNames = await page.locator('#sample-select option').allTextContents()
  const files = (await fs.readdir(path.join(REPO, 'test', 'events'))).filter((f) =>
    f.endsWith('.json'),
  )
  expect(sampleNames.sort()).toEqual(files.map((f) => f.replace(/\.json$/, '')).sort())

  await page.selectOption('#sample-select', 'upload-prefix')
  const sample = JSON.parse(
    await fs.readFile(path.join(REPO, 'test', 'events', 'upload-prefix.json'), 'utf8'),
  ) as unknown
  expect(JSON.parse(await page.inputValue('#event-editor'))).toEqual(sample)
  await page.fill('#openid-input', 'oPlaygroundUser1')
  await runAndWait(page, () => page.click('#send-event'))

  expect(await shownEvent()).toEqual(sample)
  expect(await shownReply()).toEqual({ ok: true, uploadPrefix: 'ocr-uploads/oPlaygroundUser1/' })
  expect(await page.locator('#status').textContent()).toBe('The function answered.')

  // Broken JSON never leaves the page.
  const runs = await page.locator('#result').getAttribute('data-runs')
  await page.fill('#event-editor', '{ "imgUrl": ')
  await page.click('#send-event')
  expect(await page.locator('#editor-error').textContent()).toMatch(/not valid JSON/)
  expect(await page.locator('#result').getAttribute('data-runs')).toBe(runs)
})

test('the quota counter resets and takes a new limit through the page', async () => {
  await page.click('#quota-reset')
  await page.locator('#quota-used', { hasText: /^0$/ }).waitFor()
  await page.fill('#quota-limit-input', '7')
  await page.click('#quota-set')
  await page.locator('#quota-limit', { hasText: /^7$/ }).waitFor()
  expect(cloud.quota.state()).toEqual({ used: 0, limit: 7, remain: 7 })
})

test('a page of another origin in the same browser cannot drive the local cloud', async () => {
  // Prepare: another user's upload, and a page elsewhere on this machine that tries what a hostile page would.
  const victim = await cloud.putFile('ocr-uploads/oSomeoneElse/photo.png', slide.bytes)
  const before = { quota: cloud.quota.state(), faults: cloud.faults.list() }
  const attempts = [
    ['/__admin/quota', '{"limit":0}'],
    ['/__admin/faults', '{"kind":"latency","ms":600000,"times":"always"}'],
    ['/__playground/run', JSON.stringify({ event: { fileID: victim, deleteAfter: true } })],
  ]
  const script = `Promise.allSettled(${JSON.stringify(attempts)}.map(([route, body]) =>
      fetch('${cloud.origin}' + route, { method: 'POST', mode: 'no-cors', body })))
    .then(() => { document.body.dataset.done = 'true' })`
  const hostile = await serveFiles({
    '/': { type: 'text/html', body: Buffer.from(`<body><script>${script}</script></body>`) },
  })
  const other = await page.context().newPage()
  try {
    // Act
    await other.goto(`${hostile.origin}/`)
    await other.locator('body[data-done="true"]').waitFor()
  } finally {
    await other.close()
    await hostile.close()
  }
  // Assess
  expect(cloud.quota.state()).toEqual(before.quota)
  expect(cloud.faults.list()).toEqual(before.faults)
  const stored = path.join(cloud.storageDir, 'ocr-uploads', 'oSomeoneElse', 'photo.png')
  expect((await fs.stat(stored)).isFile()).toBe(true)
})

test('every control has a label and every box a title', async () => {
  const unlabeled = await page.evaluate<
    string[]
  >(`[...document.querySelectorAll('input, select, textarea')]
    .filter((control) => control.labels.length === 0 && !control.hasAttribute('aria-label'))
    .map((control) => control.id)`)
  expect(unlabeled).toEqual([])
  const untitled = await page.evaluate<number>(
    `[...document.querySelectorAll('#boxes polygon')].filter((p) => !p.querySelector('title')?.textContent).length`,
  )
  expect(untitled).toBe(0)
  await expect(page.getByLabel('Image URL').count()).resolves.toBe(1)
  await expect(page.getByLabel('Event JSON').count()).resolves.toBe(1)
})

test('the page logged no console error and reached nothing beyond this machine', () => {
  expect(browser.consoleErrors).toEqual([])
  expect(browser.offMachine).toEqual([])
})
