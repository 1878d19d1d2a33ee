/** @jest-environment jsdom */
// <ocr-photo> as a user meets it, rendered from the sample's miniprogram_npm (the package's built
// miniprogram_dist, through packNpmManually) with wx mocked. Waits are on the events themselves: the
// component's own events, the wx call a stage leads to, the privacy question.
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals'
import { ERROR_CATALOG, type ErrorCode } from '../../src/errors/catalog'
import { CLOUD_FAILURES } from '../../src/miniprogram/cloud-failures'
import { AGREE_BUTTON_ID } from '../../src/miniprogram/privacy'
import { LOCAL_ERRORS } from '../../src/miniprogram/shown-error'
import { createFakePrivacy, type FakePrivacy } from './support/fake-privacy'
import { createFakeWx, MB, PHOTO, wxError, type FakeWx } from './support/fake-wx'
import { failureReply, SUCCESS_REPLY, UPLOAD_PREFIX } from './support/fixtures'
import {
  classesOf,
  installWx,
  nextCall,
  percentStyle,
  renderComponent,
  type ComponentDriver,
  type ComponentWx,
} from './support/render-component'

let fake: FakeWx
let privacy: FakePrivacy
let componentWx: ComponentWx
let ocr: ComponentDriver
let consoleError: jest.SpiedFunction<typeof console.error>

beforeEach(() => {
  consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined)
  fake = createFakeWx()
  privacy = createFakePrivacy()
  componentWx = installWx(fake, privacy)
  ocr = renderComponent()
})

afterEach(() => consoleError.mockRestore())

/** The objects the component passed to console.error, one per reported failure. */
function reported(): unknown[] {
  return consoleError.mock.calls.map((call) => call[1])
}

/** Taps the button and waits for the outcome the test expects. */
async function recognize(outcome: 'result' | 'error' = 'result'): Promise<unknown> {
  const done = ocr.next(outcome)
  await ocr.tap('.choose')
  return done
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
    expect(ocr.texts('.choose')).toEqual(['拍照或从相册选择'])
    expect(ocr.nodes('.box')).toEqual([])
    expect(ocr.nodes('.line')).toEqual([])
    expect(ocr.nodes('.error')).toEqual([])
  })
})

describe('the result', () => {
  it('triggers `result` with the reply and the photo it was read from', async () => {
    const detail = await recognize()

    expect(detail).toEqual({
      ...SUCCESS_REPLY,
      photo: { path: PHOTO.tempFilePath, size: PHOTO.size, width: 1000, height: 2000 },
    })
    expect(ocr.events.error).toEqual([])
  })

  it('puts one box per line, in percent of a frame that keeps imgSize (1000 x 2000)', async () => {
    await recognize()

    expect(ocr.attr('.photo-image', 'src')).toBe('wxfile://tmp/photo.jpg')
    expect(ocr.nodes('.photo')[0]?.getAttribute('style')).toContain('padding-bottom: 200%')
    // Line 1 is a rectangle; line 2 is tilted, so its box is the bounds of x 120..830, y 400..520.
    expect(ocr.nodes('.box').map(percentStyle)).toEqual([
      { left: 10, top: 10, width: 60, height: 5 },
      { left: 12, top: 20, width: 71, height: 6 },
    ])
  })

  it('lists the lines in reading order', async () => {
    await recognize()

    expect(ocr.texts('.line')).toEqual(['第一行文字', 'Second line'])
  })

  it('highlights the line of a tapped box, and the box of a tapped line', async () => {
    await recognize()
    const active = (selector: string): boolean[] =>
      ocr.nodes(selector).map((node) => classesOf(node).includes('active'))

    await ocr.tap('.box', 1)
    expect(active('.line')).toEqual([false, true])
    expect(active('.box')).toEqual([false, true])

    await ocr.tap('.line', 0)
    expect(active('.box')).toEqual([true, false])
    expect(active('.line')).toEqual([true, false])
  })

  it('copies all the text', async () => {
    await recognize()

    await ocr.tap('.copy')

    expect(componentWx.setClipboardData).toHaveBeenCalledWith({ data: SUCCESS_REPLY.text })
  })
})

describe('display only: src and reply from the page', () => {
  it('shows the photo, the boxes and the lines without calling anything', () => {
    const shown = renderComponent({ src: 'wxfile://usr/page.jpg', reply: SUCCESS_REPLY })

    expect(shown.attr('.photo-image', 'src')).toBe('wxfile://usr/page.jpg')
    expect(shown.nodes('.box')).toHaveLength(2)
    expect(shown.texts('.line')).toEqual(['第一行文字', 'Second line'])
    expect(fake.chooseMedia).not.toHaveBeenCalled()
    expect(fake.cloud.callFunction).not.toHaveBeenCalled()
  })
})

describe('the properties that pass through', () => {
  it('function-name and env reach every cloud call', async () => {
    const configured = renderComponent({ functionName: 'ocrForTeamB', env: 'prod-3g5x1a2b' })
    const done = configured.next('result')

    await configured.tap('.choose')
    await done

    expect(fake.cloud.callFunction.mock.calls.map(([options]) => options.name)).toEqual([
      'ocrForTeamB',
      'ocrForTeamB',
    ])
    expect(fake.cloud.uploadFile.mock.calls[0]?.[0].config).toEqual({ env: 'prod-3g5x1a2b' })
  })

  it('useCloud() hands every call to a wx.cloud.Cloud instance', async () => {
    const instance = {
      callFunction: jest.fn(fake.cloud.callFunction.getMockImplementation()),
      uploadFile: jest.fn(fake.cloud.uploadFile.getMockImplementation()),
    }
    ocr.instance().useCloud(instance)

    await recognize()

    expect(instance.callFunction).toHaveBeenCalledTimes(2)
    expect(instance.uploadFile).toHaveBeenCalledTimes(1)
    expect(fake.cloud.callFunction).not.toHaveBeenCalled()
  })

  it('a placeholder env says the app is not configured, disables the button and calls nothing', async () => {
    const unconfigured = renderComponent({ env: 'your-env-id' })

    expect(unconfigured.texts('.error-message')).toEqual([
      LOCAL_ERRORS.ENV_NOT_CONFIGURED.userMessage,
    ])
    expect(unconfigured.nodes('.retry')).toEqual([])
    expect(unconfigured.attr('.choose', 'disabled')).toBe(true)
    await unconfigured.tap('.choose')
    expect(fake.chooseMedia).not.toHaveBeenCalled()
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
    const uploading = nextCall(fake.cloud.uploadFile)
    const done = ocr.next('result')

    await ocr.tap('.choose')
    await uploading
    expect(ocr.texts('.stage')).toEqual(['上传中'])
    expect(ocr.attr('.choose', 'disabled')).toBe(true)

    const recognizing = nextCall(fake.cloud.callFunction)
    upload.resolve({ fileID: 'cloud://test-env.b/ocr-uploads/oUser123/1.jpg' })
    await recognizing
    expect(ocr.texts('.stage')).toEqual(['识别中'])

    call.resolve({ result: SUCCESS_REPLY })
    await done
    expect(ocr.nodes('.stage')).toEqual([])
    expect(ocr.texts('.line')).toHaveLength(2)
  })

  it('says nothing at all when the picker is cancelled, and triggers `cancel`', async () => {
    fake.chooseMedia.mockRejectedValue(wxError('chooseMedia:fail cancel'))
    const cancelled = ocr.next('cancel')

    await ocr.tap('.choose')
    await cancelled

    expect(ocr.nodes('.error')).toEqual([])
    expect(ocr.nodes('.stage')).toEqual([])
    expect(ocr.nodes('.line')).toEqual([])
    expect(fake.cloud.callFunction).not.toHaveBeenCalled()
  })
})

describe('errors', () => {
  const codes = Object.keys(ERROR_CATALOG) as ErrorCode[]

  it.each(codes)(
    '%s shows its userMessage, with 重试 only if retryable, and triggers `error`',
    async (code) => {
      const entry = ERROR_CATALOG[code]
      replyWith(failureReply(code, entry))

      const detail = await recognize('error')

      expect(detail).toMatchObject({ code, userMessage: entry.userMessage })
      expect(ocr.texts('.error-message')).toEqual([entry.userMessage])
      expect(ocr.nodes('.retry')).toHaveLength(entry.retryable ? 1 : 0)
      expect(ocr.nodes('.line')).toEqual([])
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
    installWx(fake, privacy)

    await recognize('error')

    expect(ocr.texts('.error-message')).toEqual([
      LOCAL_ERRORS.TOO_LARGE_AFTER_COMPRESSION.userMessage,
    ])
    expect(ocr.nodes('.retry')).toEqual([])
  })

  it('turns a failed call into 重试, which uploads the same photo again and then shows it', async () => {
    fake.cloud.callFunction.mockRejectedValueOnce(wxError('cloud.callFunction:fail request:fail'))
    await recognize('error')
    expect(ocr.texts('.error-message')).toEqual([LOCAL_ERRORS.CALL_FAILED.userMessage])
    const done = ocr.next('result')

    await ocr.tap('.retry')
    await done

    expect(ocr.nodes('.error')).toEqual([])
    expect(ocr.texts('.line')).toEqual(['第一行文字', 'Second line'])
    expect(fake.chooseMedia).toHaveBeenCalledTimes(1)
    expect(fake.cloud.uploadFile).toHaveBeenCalledTimes(1)
    expect(fake.cloud.uploadFile.mock.calls[0]?.[0].filePath).toBe(PHOTO.tempFilePath)
  })
})

describe('privacy authorization', () => {
  beforeEach(() => {
    fake.chooseMedia.mockImplementation(() =>
      privacy.guard('chooseMedia', async () => ({ tempFiles: [PHOTO] })),
    )
  })

  async function chooseUntilAsked(): Promise<void> {
    const asked = privacy.nextAsk()
    await ocr.tap('.choose')
    await asked
  }

  it('shows its own popup when the picker needs consent, and 同意 lets the picker go on', async () => {
    await chooseUntilAsked()

    expect(ocr.nodes('.privacy')).toHaveLength(1)
    // j-component keeps template attributes camelCased: open-type is openType.
    expect(ocr.attr('.privacy-agree', 'openType')).toBe('agreePrivacyAuthorization')
    expect(ocr.attr('.privacy-agree', 'id')).toBe(AGREE_BUTTON_ID)
    expect(privacy.answers).toEqual([{ event: 'exposureAuthorization' }])
    expect(fake.cloud.uploadFile).not.toHaveBeenCalled()
    const done = ocr.next('result')

    await ocr.fire('.privacy-agree', 'agreeprivacyauthorization')
    await done

    expect(privacy.answers).toEqual([
      { event: 'exposureAuthorization' },
      { event: 'agree', buttonId: AGREE_BUTTON_ID },
    ])
    expect(ocr.nodes('.privacy')).toEqual([])
    expect(ocr.texts('.line')).toEqual(['第一行文字', 'Second line'])
  })

  it('opens the guide from its link, and logs a guide that cannot open', async () => {
    componentWx.openPrivacyContract.mockImplementation(({ fail }) =>
      fail({ errMsg: 'openPrivacyContract:fail' }),
    )
    await chooseUntilAsked()

    await ocr.tap('.privacy-contract')

    expect(componentWx.openPrivacyContract).toHaveBeenCalledTimes(1)
    expect(reported()).toEqual([
      expect.objectContaining({ code: 'UNEXPECTED', message: 'openPrivacyContract:fail' }),
    ])
    expect(ocr.nodes('.privacy')).toHaveLength(1)
  })

  it('gives a refusal its own message, not the one that sends the user to settings', async () => {
    await chooseUntilAsked()
    const failed = ocr.next('error')

    await ocr.tap('.privacy-disagree')
    await failed

    expect(ocr.nodes('.privacy')).toEqual([])
    expect(ocr.texts('.error-message')).toEqual([LOCAL_ERRORS.PRIVACY_DENIED.userMessage])
    expect(LOCAL_ERRORS.PRIVACY_DENIED.userMessage).not.toContain('设置')
    expect(ocr.nodes('.retry')).toEqual([])
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

    await recognize('error')

    expect(ocr.texts('.error-message')).toEqual([LOCAL_ERRORS.PRIVACY_NOT_DECLARED.userMessage])
    expect(reported()).toEqual([
      expect.objectContaining({
        code: 'PRIVACY_NOT_DECLARED',
        hint: expect.stringContaining('选中的照片或视频信息'),
      }),
    ])
  })

  it('asks before copying too, and copies once the user agrees', async () => {
    fake.chooseMedia.mockResolvedValue({ tempFiles: [PHOTO] })
    componentWx.setClipboardData.mockImplementation((options) =>
      privacy.guard('setClipboardData', async () => ({ errMsg: `copied ${options.data}` })),
    )
    await recognize()
    const asked = privacy.nextAsk()

    await ocr.tap('.copy')
    await asked
    expect(ocr.nodes('.privacy')).toHaveLength(1)
    await ocr.fire('.privacy-agree', 'agreeprivacyauthorization')

    expect(await componentWx.setClipboardData.mock.results[0]?.value).toEqual({
      errMsg: `copied ${SUCCESS_REPLY.text}`,
    })
    expect(ocr.nodes('.copy-error')).toEqual([])
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
  ] as const)(
    '"%s" is shown as %s, reported and triggered, never left unhandled',
    async (errMsg, code) => {
      await recognize()
      const rejection = Promise.reject(wxError(errMsg))
      componentWx.setClipboardData.mockReturnValue(rejection)
      const failed = ocr.next('error')

      await ocr.tap('.copy')
      await failed

      expect(ocr.texts('.copy-error')).toEqual([LOCAL_ERRORS[code].userMessage])
      expect(reported()).toEqual([expect.objectContaining({ code, message: errMsg })])
      expect(ocr.texts('.line')).toEqual(['第一行文字', 'Second line'])
    },
  )
})

describe('failures of the cloud platform', () => {
  it('shows a timed-out function as such, with 重试, and logs its code and message', async () => {
    const errMsg =
      'cloud.callFunction:fail Error: errCode: -504003  | errMsg: Invoking task timed out after 3 seconds'
    fake.cloud.callFunction.mockRejectedValue(
      Object.assign(new Error(errMsg), { errCode: -504003, errMsg }),
    )

    await recognize('error')

    expect(ocr.texts('.error-message')).toEqual([CLOUD_FAILURES.FUNCTION_TIMEOUT.userMessage])
    expect(ocr.nodes('.retry')).toHaveLength(1)
    expect(ocr.texts('.error-message')[0]).not.toContain('-504003')
    expect(reported()).toEqual([
      expect.objectContaining({ code: 'FUNCTION_TIMEOUT', errCode: -504003, message: errMsg }),
    ])
  })

  it("logs the function's own failure with its requestId and shows only the userMessage", async () => {
    const entry = ERROR_CATALOG.IMAGE_DECODE_FAILED
    replyWith(failureReply('IMAGE_DECODE_FAILED', entry))

    await recognize('error')

    expect(ocr.texts('.error-message')).toEqual([entry.userMessage])
    expect(reported()).toEqual([
      expect.objectContaining({
        code: 'IMAGE_DECODE_FAILED',
        message: entry.message,
        requestId: 'req-1',
      }),
    ])
  })
})
