/** @jest-environment jsdom */
// The page as a user meets it, rendered from its WXML with wx mocked.
import { beforeEach, describe, expect, it } from '@jest/globals'
import { ERROR_CATALOG, type ErrorCode } from '../../src/errors/catalog'
import { LOCAL_ERRORS } from '../../miniprogram/services/shown-error'
import { createFakeWx, MB, wxError, type FakeWx } from './support/fake-wx'
import { failureReply, SUCCESS_REPLY, UPLOAD_PREFIX } from './support/fixtures'
import {
  classesOf,
  installWx,
  pxStyle,
  renderIndexPage,
  type PageDriver,
  type PageWx,
} from './support/render-page'

/** A 375 px wide phone: the photo gets 375 - 2 * 16 px of page padding. */
const WINDOW_WIDTH = 375

let fake: FakeWx
let pageWx: PageWx
let page: PageDriver

beforeEach(() => {
  fake = createFakeWx()
  pageWx = installWx(fake, WINDOW_WIDTH)
  page = renderIndexPage()
})

async function recognize(): Promise<void> {
  await page.tap('.choose')
  await page.settle()
}

function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve: (value: T) => void = () => undefined
  const promise = new Promise<T>((r) => {
    resolve = r
  })
  return { promise, resolve }
}

function replyWith(result: unknown): void {
  fake.cloud.callFunction.mockImplementation(async ({ data }) => ({
    result: data.action === 'uploadPrefix' ? { ok: true, uploadPrefix: UPLOAD_PREFIX } : result,
  }))
}

describe('before anything is chosen', () => {
  it('shows only the button', () => {
    expect(page.texts('.choose')).toEqual(['拍照或从相册选择'])
    expect(page.nodes('.box')).toEqual([])
    expect(page.nodes('.line')).toEqual([])
    expect(page.nodes('.error')).toEqual([])
  })
})

describe('the result', () => {
  it('puts one box per line, scaled from imgSize (1000 x 2000) to the displayed 343 x 686', async () => {
    await recognize()

    const [photo] = page.nodes('.photo-image')
    expect(page.attr('.photo-image', 'src')).toBe('wxfile://tmp/photo.jpg')
    expect(pxStyle(photo as HTMLElement)).toEqual({ width: 343, height: 686 })
    // Scale 0.343 on both axes. Line 1 is a rectangle; line 2 is tilted, so its box is the bounds of
    // x 120..830 and y 400..520.
    expect(page.nodes('.box').map(pxStyle)).toEqual([
      { left: 34.3, top: 68.6, width: 205.8, height: 34.3 },
      { left: 41.16, top: 137.2, width: 243.53, height: 41.16 },
    ])
  })

  it('lists the lines in reading order', async () => {
    await recognize()

    expect(page.texts('.line')).toEqual(['第一行文字', 'Second line'])
  })

  it('highlights the line of a tapped box, and the box of a tapped line', async () => {
    await recognize()
    const active = (selector: string): boolean[] =>
      page.nodes(selector).map((node) => classesOf(node).includes('active'))

    await page.tap('.box', 1)
    expect(active('.line')).toEqual([false, true])
    expect(active('.box')).toEqual([false, true])

    await page.tap('.line', 0)
    expect(active('.box')).toEqual([true, false])
    expect(active('.line')).toEqual([true, false])
  })

  it('copies all the text', async () => {
    await recognize()

    await page.tap('.copy')

    expect(pageWx.setClipboardData).toHaveBeenCalledWith({ data: SUCCESS_REPLY.text })
  })
})

describe('while working', () => {
  it('names the stage: 上传中, then 识别中, then nothing', async () => {
    const upload = deferred<{ fileID: string }>()
    const call = deferred<{ result: unknown }>()
    fake.cloud.uploadFile.mockReturnValue(upload.promise)
    fake.cloud.callFunction.mockImplementation(({ data }) =>
      data.action === 'uploadPrefix'
        ? Promise.resolve({ result: { ok: true, uploadPrefix: UPLOAD_PREFIX } })
        : call.promise,
    )

    await page.tap('.choose')
    await page.flush()
    expect(page.texts('.stage')).toEqual(['上传中'])
    expect(page.attr('.choose', 'disabled')).toBe(true)

    upload.resolve({ fileID: 'cloud://test-env.b/ocr-uploads/oUser123/1.jpg' })
    await page.flush()
    expect(page.texts('.stage')).toEqual(['识别中'])

    call.resolve({ result: SUCCESS_REPLY })
    await page.settle()
    expect(page.nodes('.stage')).toEqual([])
    expect(page.texts('.line')).toHaveLength(2)
  })

  it('says nothing at all when the picker is cancelled', async () => {
    fake.chooseMedia.mockRejectedValue(wxError('chooseMedia:fail cancel'))

    await recognize()

    expect(page.nodes('.error')).toEqual([])
    expect(page.nodes('.stage')).toEqual([])
    expect(page.nodes('.line')).toEqual([])
    expect(fake.cloud.callFunction).not.toHaveBeenCalled()
  })
})

describe('errors', () => {
  const codes = Object.keys(ERROR_CATALOG) as ErrorCode[]

  it.each(codes)(
    '%s shows its userMessage, with a retry button only if retryable',
    async (code) => {
      const entry = ERROR_CATALOG[code]
      replyWith(failureReply(code, entry))

      await recognize()

      expect(page.texts('.error-message')).toEqual([entry.userMessage])
      expect(page.nodes('.retry')).toHaveLength(entry.retryable ? 1 : 0)
      expect(page.nodes('.line')).toEqual([])
    },
  )

  it('shows the compression message for a photo that cannot get under 2 MB, with no retry', async () => {
    fake = createFakeWx({
      tempFilePath: 'wxfile://tmp/big.jpg',
      size: 5 * MB,
      width: 3000,
      height: 4000,
    })
    for (let i = 1; i <= 4; i += 1) fake.sizes.set(`wxfile://tmp/compressed-${i}.jpg`, 2.4 * MB)
    installWx(fake, WINDOW_WIDTH)

    await recognize()

    expect(fake.compressImage).toHaveBeenCalledTimes(4)
    expect(page.texts('.error-message')).toEqual([
      LOCAL_ERRORS.TOO_LARGE_AFTER_COMPRESSION.userMessage,
    ])
    expect(page.nodes('.retry')).toEqual([])
  })

  it('turns a failed call into a retry that uploads the same photo again and then shows it', async () => {
    fake.cloud.callFunction.mockRejectedValueOnce(wxError('cloud.callFunction:fail request:fail'))

    await recognize()
    expect(page.texts('.error-message')).toEqual([LOCAL_ERRORS.CALL_FAILED.userMessage])

    await page.tap('.retry')
    await page.settle()

    expect(page.nodes('.error')).toEqual([])
    expect(page.texts('.line')).toEqual(['第一行文字', 'Second line'])
    expect(fake.chooseMedia).toHaveBeenCalledTimes(1)
    expect(fake.cloud.uploadFile).toHaveBeenCalledTimes(1)
  })
})
