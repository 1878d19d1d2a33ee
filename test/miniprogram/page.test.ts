/** @jest-environment jsdom */
// The page as a user meets it, rendered from its WXML with wx mocked.
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals'
import { ERROR_CATALOG, type ErrorCode } from '../../src/errors/catalog'
import { CLOUD_FAILURES } from '../../miniprogram/services/cloud-failures'
import { AGREE_BUTTON_ID } from '../../miniprogram/services/privacy'
import { LOCAL_ERRORS } from '../../miniprogram/services/shown-error'
import { createFakePrivacy, type FakePrivacy } from './support/fake-privacy'
import { createFakeWx, MB, PHOTO, wxError, type FakeWx } from './support/fake-wx'
import { failureReply, SUCCESS_REPLY, UPLOAD_PREFIX } from './support/fixtures'
import {
  classesOf,
  installWx,
  pxStyle,
  renderIndexPage,
  type PageDriver,
  type PageWx,
} from './support/render-page'

// A configured app; the shipped placeholder env is page-unconfigured.test.ts's subject.
jest.mock('../../miniprogram/config', () => ({
  CLOUD_ENV: 'test-env',
  OCR_FUNCTION_NAME: 'ocrPrintedText',
}))

/** A 375 px wide phone: the photo gets 375 - 2 * 16 px of page padding. */
const WINDOW_WIDTH = 375

let fake: FakeWx
let privacy: FakePrivacy
let pageWx: PageWx
let page: PageDriver
let consoleError: jest.SpiedFunction<typeof console.error>

beforeEach(() => {
  consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined)
  fake = createFakeWx()
  privacy = createFakePrivacy()
  pageWx = installWx(fake, WINDOW_WIDTH, privacy)
  page = renderIndexPage()
})

afterEach(() => consoleError.mockRestore())

/** The objects the page passed to console.error, one per reported failure. */
function reported(): unknown[] {
  return consoleError.mock.calls.map((call) => call[1])
}

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
    installWx(fake, WINDOW_WIDTH, privacy)

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

describe('privacy authorization', () => {
  beforeEach(() => {
    fake.chooseMedia.mockImplementation(() =>
      privacy.guard('chooseMedia', async () => ({ tempFiles: [PHOTO] })),
    )
  })

  it('shows its own popup when the picker needs consent, and 同意 lets the picker go on', async () => {
    await page.tap('.choose')
    await page.flush()

    expect(page.nodes('.privacy')).toHaveLength(1)
    // j-component keeps template attributes camelCased: open-type is openType.
    expect(page.attr('.privacy-agree', 'openType')).toBe('agreePrivacyAuthorization')
    expect(page.attr('.privacy-agree', 'id')).toBe(AGREE_BUTTON_ID)
    expect(privacy.answers).toEqual([{ event: 'exposureAuthorization' }])
    expect(fake.cloud.uploadFile).not.toHaveBeenCalled()

    await page.fire('.privacy-agree', 'agreeprivacyauthorization')
    await page.settle()

    expect(privacy.answers).toEqual([
      { event: 'exposureAuthorization' },
      { event: 'agree', buttonId: AGREE_BUTTON_ID },
    ])
    expect(page.nodes('.privacy')).toEqual([])
    expect(page.texts('.line')).toEqual(['第一行文字', 'Second line'])
  })

  it('opens the guide from its link, and logs a guide that cannot open', async () => {
    pageWx.openPrivacyContract.mockImplementation(({ fail }) =>
      fail({ errMsg: 'openPrivacyContract:fail' }),
    )
    await page.tap('.choose')
    await page.flush()

    await page.tap('.privacy-contract')

    expect(pageWx.openPrivacyContract).toHaveBeenCalledTimes(1)
    expect(reported()).toEqual([
      expect.objectContaining({ code: 'UNEXPECTED', message: 'openPrivacyContract:fail' }),
    ])
    expect(page.nodes('.privacy')).toHaveLength(1)
  })

  it('gives a refusal its own message, not the one that sends the user to settings', async () => {
    await page.tap('.choose')
    await page.flush()
    await page.tap('.privacy-disagree')
    await page.settle()

    expect(page.nodes('.privacy')).toEqual([])
    expect(page.texts('.error-message')).toEqual([LOCAL_ERRORS.PRIVACY_DENIED.userMessage])
    expect(LOCAL_ERRORS.PRIVACY_DENIED.userMessage).not.toContain('设置')
    expect(page.nodes('.retry')).toEqual([])
    expect(reported()).toEqual([
      expect.objectContaining({
        code: 'PRIVACY_DENIED',
        message: 'chooseMedia:fail privacy permission is not authorized',
        errCode: 104,
      }),
    ])
  })

  it("names an API the admin console does not declare as the developer's problem", async () => {
    fake.chooseMedia.mockRejectedValue({
      errMsg: 'chooseMedia:fail api scope is not declared in the privacy agreement',
      errno: 112,
    })

    await page.tap('.choose')
    await page.settle()

    expect(page.texts('.error-message')).toEqual([LOCAL_ERRORS.PRIVACY_NOT_DECLARED.userMessage])
    expect(reported()).toEqual([
      expect.objectContaining({
        code: 'PRIVACY_NOT_DECLARED',
        hint: expect.stringContaining('选中的照片或视频信息'),
      }),
    ])
  })

  it('asks before copying too, and copies once the user agrees', async () => {
    fake.chooseMedia.mockResolvedValue({ tempFiles: [PHOTO] })
    pageWx.setClipboardData.mockImplementation((options) =>
      privacy.guard('setClipboardData', async () => ({ errMsg: `copied ${options.data}` })),
    )
    await recognize()

    await page.tap('.copy')
    await page.flush()
    expect(page.nodes('.privacy')).toHaveLength(1)
    await page.fire('.privacy-agree', 'agreeprivacyauthorization')
    await page.flush()

    expect(await pageWx.setClipboardData.mock.results[0]?.value).toEqual({
      errMsg: `copied ${SUCCESS_REPLY.text}`,
    })
    expect(page.nodes('.copy-error')).toEqual([])
  })
})

describe('a failed copy', () => {
  it.each([
    ['setClipboardData:fail', 'COPY_FAILED'],
    ['setClipboardData:fail privacy permission is not authorized', 'PRIVACY_DENIED'],
    [
      'setClipboardData:fail api scope is not declared in the privacy agreement',
      'PRIVACY_NOT_DECLARED',
    ],
  ] as const)('"%s" is shown as %s and reported, never left unhandled', async (errMsg, code) => {
    await recognize()
    const rejection = Promise.reject(wxError(errMsg))
    pageWx.setClipboardData.mockReturnValue(rejection)

    await page.tap('.copy')
    await page.flush()

    expect(page.texts('.copy-error')).toEqual([LOCAL_ERRORS[code].userMessage])
    expect(reported()).toEqual([expect.objectContaining({ code, message: errMsg })])
    expect(page.texts('.line')).toEqual(['第一行文字', 'Second line'])
  })
})

describe('failures of the cloud platform', () => {
  it('shows a timed-out function as such, with a retry, and logs its code and message', async () => {
    const errMsg =
      'cloud.callFunction:fail Error: errCode: -504003  | errMsg: Invoking task timed out after 3 seconds'
    fake.cloud.callFunction.mockRejectedValue(
      Object.assign(new Error(errMsg), { errCode: -504003, errMsg }),
    )

    await recognize()

    expect(page.texts('.error-message')).toEqual([CLOUD_FAILURES.FUNCTION_TIMEOUT.userMessage])
    expect(page.nodes('.retry')).toHaveLength(1)
    expect(page.texts('.error-message')[0]).not.toContain('-504003')
    expect(reported()).toEqual([
      expect.objectContaining({ code: 'FUNCTION_TIMEOUT', errCode: -504003, message: errMsg }),
    ])
  })

  it("logs the function's own failure with its requestId and shows only the userMessage", async () => {
    const entry = ERROR_CATALOG.IMAGE_DECODE_FAILED
    replyWith(failureReply('IMAGE_DECODE_FAILED', entry))

    await recognize()

    expect(page.texts('.error-message')).toEqual([entry.userMessage])
    expect(reported()).toEqual([
      expect.objectContaining({
        code: 'IMAGE_DECODE_FAILED',
        message: entry.message,
        requestId: 'req-1',
      }),
    ])
  })
})
