// recognizePhoto with a fake wx whose cloud runs the function's real handler in-process
// (in-process-function.ts): the upload prefix, the file guard, deleteAfter and the reply's shape are the
// function's own, so a change on either side that breaks the other fails here.
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals'
import { DEFAULT_COMPRESS_POLICY } from '../../../src/miniprogram/compress-policy'
import type { RecognizePhotoOptions, Stage } from '../../../src/miniprogram/options'
import { recognizePhoto, type PhotoReply } from '../../../src/miniprogram/recognize-photo'
import { LOCAL_ERRORS } from '../../../src/miniprogram/shown-error'
import type { WxCloudPort } from '../../../src/miniprogram/wx-port'
import { sdkError } from '../../support/in-memory-port'
import { MB, PHOTO, recognitionCalls, wxError, type FakeWx } from '../support/fake-wx'
import { inProcessWx, USER_PREFIX } from './in-process-function'

const NOW = 1_700_000_000_000
/** uploadName's suffix for random() = 0.5. */
const NAME = `${NOW}-i00000`

let consoleError: jest.SpiedFunction<typeof console.error>

beforeEach(() => {
  consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined)
})

afterEach(() => consoleError.mockRestore())

function optionsFor(fake: FakeWx, stages: Stage[] = []): RecognizePhotoOptions {
  return { wx: fake, onStage: (stage) => stages.push(stage), now: () => NOW, random: () => 0.5 }
}

function ok(reply: PhotoReply | null): Extract<PhotoReply, { ok: true }> {
  if (reply === null || !reply.ok) throw new Error(`expected a reply, got ${JSON.stringify(reply)}`)
  return reply
}

async function bigPhoto(compressedSizes: number[]) {
  const cloud = await inProcessWx({
    tempFilePath: 'wxfile://tmp/big.jpg',
    size: 5 * MB,
    width: 3000,
    height: 4000,
  })
  compressedSizes.forEach((size, i) =>
    cloud.fake.sizes.set(`wxfile://tmp/compressed-${i + 1}.jpg`, size),
  )
  return cloud
}

describe('recognizePhoto: choose -> compress -> upload -> recognize', () => {
  it("uploads under the function's prefix for this user, which reads and deletes it", async () => {
    // Prepare
    const { fake, port } = await inProcessWx()
    const stages: Stage[] = []
    // Act
    const reply = ok(await recognizePhoto(optionsFor(fake, stages)))
    // Assess
    const fileID = `cloud://test-env.7465-test-env/${USER_PREFIX}${NAME}.jpg`
    expect(reply.items.map((item) => item.text).sort()).toEqual(['微信团队', '腾讯'].sort())
    expect(reply.imgSize).toEqual({ w: 1280, h: 720 })
    expect(reply.photo).toEqual({
      path: PHOTO.tempFilePath,
      size: PHOTO.size,
      width: 1000,
      height: 2000,
    })
    expect(stages).toEqual(['uploading', 'recognizing'])
    expect(fake.chooseMedia).toHaveBeenCalledWith({
      count: 1,
      mediaType: ['image'],
      sourceType: ['album', 'camera'],
      sizeType: ['compressed'],
    })
    expect(fake.compressImage).not.toHaveBeenCalled()
    expect(recognitionCalls(fake)).toEqual([{ fileID, deleteAfter: true }])
    expect(port.downloads).toEqual([fileID])
    expect(port.calls).toHaveLength(1)
    expect(port.deletes).toEqual([fileID])
  })

  it('keeps the long side at 2048 px and lowers the quality first, each step from the original', async () => {
    // Prepare
    const { fake } = await bigPhoto([3.2 * MB, 2.5 * MB, 1.4 * MB])
    const stages: Stage[] = []
    // Act
    const reply = ok(await recognizePhoto(optionsFor(fake, stages)))
    // Assess: 3000 x 4000 is portrait; the width follows from capping the long side (4000).
    expect(fake.compressImage.mock.calls.map(([options]) => options)).toEqual([
      { src: 'wxfile://tmp/big.jpg', quality: 80, compressedWidth: 1536 },
      { src: 'wxfile://tmp/big.jpg', quality: 60, compressedWidth: 1536 },
      { src: 'wxfile://tmp/big.jpg', quality: 60, compressedWidth: 1200 },
    ])
    expect(reply.photo).toEqual({
      path: 'wxfile://tmp/compressed-3.jpg',
      size: 1.4 * MB,
      width: 1200,
      height: 1600,
    })
    expect(stages).toEqual(['compressing', 'uploading', 'recognizing'])
    expect(fake.cloud.uploadFile.mock.calls[0]?.[0].filePath).toBe('wxfile://tmp/compressed-3.jpg')
  })

  it('refuses a photo that stays over the limit after every step, before uploading anything', async () => {
    // Prepare
    const steps = DEFAULT_COMPRESS_POLICY.steps.length
    const { fake } = await bigPhoto(Array.from({ length: steps }, () => 2.5 * MB))
    // Act
    const reply = await recognizePhoto(optionsFor(fake))
    // Assess
    expect(fake.compressImage).toHaveBeenCalledTimes(steps)
    expect(reply).toMatchObject({
      ok: false,
      error: {
        code: 'TOO_LARGE_AFTER_COMPRESSION',
        userMessage: LOCAL_ERRORS.TOO_LARGE_AFTER_COMPRESSION.userMessage,
        retryable: false,
      },
    })
    expect(fake.cloud.uploadFile).not.toHaveBeenCalled()
    expect(fake.cloud.callFunction).not.toHaveBeenCalled()
  })

  it('re-encodes on an offscreen canvas when compressImage hands the PNG back unchanged (iOS)', async () => {
    // Prepare: compressImage answers the original, as iOS does for a PNG.
    const { fake } = await inProcessWx({
      tempFilePath: 'wxfile://tmp/screenshot.png',
      size: 3 * MB,
      width: 1170,
      height: 2532,
    })
    fake.compressImage.mockImplementation(async ({ src }) => ({ tempFilePath: src }))
    const drawn: { width: number; height: number; src: string }[] = []
    fake.createOffscreenCanvas = ({ width, height }) => {
      const image = { src: '', onload: null as (() => void) | null, onerror: null }
      return {
        width,
        height,
        createImage: () => {
          // The image "loads" as soon as its src is set, as a local temp file does.
          return new Proxy(image, {
            set(target, key, value: unknown) {
              Reflect.set(target, key, value)
              if (key === 'src') queueMicrotask(() => target.onload?.())
              return true
            },
          })
        },
        getContext: () => ({
          drawImage: (_image, _x, _y, w, h) => drawn.push({ width: w, height: h, src: image.src }),
        }),
      }
    }
    fake.canvasToTempFilePath.mockImplementation(async () => {
      fake.sizes.set('wxfile://tmp/canvas-1.jpg', 900 * 1024)
      return { tempFilePath: 'wxfile://tmp/canvas-1.jpg' }
    })
    // Act
    const reply = ok(await recognizePhoto(optionsFor(fake)))
    // Assess: one compressImage, one canvas at the step's size (long side 2048), JPEG at 0.8.
    expect(fake.compressImage).toHaveBeenCalledTimes(1)
    expect(drawn).toEqual([{ width: 946, height: 2048, src: 'wxfile://tmp/screenshot.png' }])
    expect(fake.canvasToTempFilePath).toHaveBeenCalledTimes(1)
    expect(fake.canvasToTempFilePath.mock.calls[0]?.[0]).toMatchObject({
      fileType: 'jpg',
      quality: 0.8,
    })
    expect(reply.photo).toEqual({
      path: 'wxfile://tmp/canvas-1.jpg',
      size: 900 * 1024,
      width: 946,
      height: 2048,
    })
  })

  it('shrinks a photo whose bytes fit but whose size is beyond what recognition needs', async () => {
    // Prepare
    const { fake } = await inProcessWx({
      tempFilePath: 'wxfile://tmp/wide.png',
      size: 1.5 * MB,
      width: 4000,
      height: 3000,
    })
    fake.sizes.set('wxfile://tmp/compressed-1.jpg', 900 * 1024)
    // Act
    await recognizePhoto(optionsFor(fake))
    // Assess
    expect(fake.compressImage.mock.calls.map(([options]) => options)).toEqual([
      { src: 'wxfile://tmp/wide.png', quality: 80, compressedWidth: 2048 },
    ])
  })

  it('reads the dimensions with getImageInfo when chooseMedia leaves them out', async () => {
    // Prepare
    const { fake } = await inProcessWx({ tempFilePath: 'wxfile://tmp/photo.jpg', size: 100 * 1024 })
    // Act
    const reply = ok(await recognizePhoto(optionsFor(fake)))
    // Assess
    expect(fake.getImageInfo).toHaveBeenCalledWith({ src: 'wxfile://tmp/photo.jpg' })
    expect(reply.photo).toMatchObject({ width: 1000, height: 2000 })
  })

  it('treats a cancelled picker as nothing happening: null, no stage, no call', async () => {
    // Prepare
    const { fake } = await inProcessWx()
    fake.chooseMedia.mockRejectedValue(wxError('chooseMedia:fail cancel'))
    const stages: Stage[] = []
    // Act
    const reply = await recognizePhoto(optionsFor(fake, stages))
    // Assess
    expect(reply).toBeNull()
    expect(stages).toEqual([])
    expect(fake.cloud.callFunction).not.toHaveBeenCalled()
    expect(consoleError).not.toHaveBeenCalled()
  })

  it('reports a picker that cannot open (permission denied) without a retry', async () => {
    // Prepare
    const { fake } = await inProcessWx()
    fake.chooseMedia.mockRejectedValue(wxError('chooseMedia:fail auth deny'))
    // Act
    const reply = await recognizePhoto(optionsFor(fake))
    // Assess
    expect(reply).toEqual({
      ok: false,
      error: expect.objectContaining({
        code: 'CHOOSE_FAILED',
        retryable: false,
        message: 'chooseMedia:fail auth deny',
      }),
    })
  })
})

describe('the options', () => {
  it('filePath skips the picker; sourceType, functionName and deleteAfter reach their calls', async () => {
    // Prepare
    const { fake, port } = await inProcessWx()
    fake.sizes.set('wxfile://usr/kept.jpg', 300 * 1024)
    // Act
    const fromFile = ok(
      await recognizePhoto({
        ...optionsFor(fake),
        filePath: 'wxfile://usr/kept.jpg',
        deleteAfter: false,
      }),
    )
    await recognizePhoto({
      ...optionsFor(fake),
      sourceType: ['camera'],
      functionName: 'ocrForTeamB',
      now: () => NOW + 1,
    })
    // Assess
    expect(fromFile.photo.path).toBe('wxfile://usr/kept.jpg')
    expect(fake.chooseMedia).toHaveBeenCalledTimes(1)
    expect(fake.chooseMedia.mock.calls[0]?.[0].sourceType).toEqual(['camera'])
    const [kept, deleted] = recognitionCalls(fake)
    expect(kept).toMatchObject({ deleteAfter: false })
    expect(deleted).toMatchObject({ deleteAfter: true })
    expect(fake.cloud.callFunction.mock.calls.map(([options]) => options.name)).toEqual([
      'ocrPrintedText',
      'ocrPrintedText',
      'ocrForTeamB',
    ])
    expect(port.deletes).toEqual([deleted?.fileID])
    expect(port.files.has(String(kept?.fileID))).toBe(true)
  })

  it('an env id goes with every call as config.env', async () => {
    // Prepare
    const { fake } = await inProcessWx()
    // Act
    ok(await recognizePhoto({ ...optionsFor(fake), env: 'prod-3g5x1a2b' }))
    // Assess
    const configs = [
      ...fake.cloud.callFunction.mock.calls.map(([options]) => options.config),
      ...fake.cloud.uploadFile.mock.calls.map(([options]) => options.config),
    ]
    expect(configs).toEqual([
      { env: 'prod-3g5x1a2b' },
      { env: 'prod-3g5x1a2b' },
      { env: 'prod-3g5x1a2b' },
    ])
  })

  it('a wx.cloud.Cloud instance takes every call, and wx.cloud none', async () => {
    // Prepare
    const { fake } = await inProcessWx()
    const instance: WxCloudPort = {
      callFunction: jest.fn<WxCloudPort['callFunction']>(
        fake.cloud.callFunction.getMockImplementation(),
      ),
      uploadFile: jest.fn<WxCloudPort['uploadFile']>(fake.cloud.uploadFile.getMockImplementation()),
    }
    // Act
    ok(await recognizePhoto({ ...optionsFor(fake), env: instance }))
    // Assess
    expect(instance.callFunction).toHaveBeenCalledTimes(2)
    expect(instance.uploadFile).toHaveBeenCalledTimes(1)
    expect(fake.cloud.callFunction).not.toHaveBeenCalled()
    expect(fake.cloud.uploadFile).not.toHaveBeenCalled()
  })
})

describe('the upload prefix', () => {
  it('is asked for once a session per environment', async () => {
    // Prepare
    const { fake } = await inProcessWx()
    // Act
    await recognizePhoto(optionsFor(fake))
    await recognizePhoto(optionsFor(fake))
    await recognizePhoto({ ...optionsFor(fake), env: 'other-env-1a2b' })
    // Assess
    const questions = fake.cloud.callFunction.mock.calls.filter(
      ([options]) => options.data.action === 'uploadPrefix',
    )
    expect(questions.map(([options]) => options.config)).toEqual([
      undefined,
      { env: 'other-env-1a2b' },
    ])
    expect(recognitionCalls(fake)).toHaveLength(3)
  })

  it('is forgotten after FILE_FORBIDDEN, so the next attempt asks again and succeeds', async () => {
    // Prepare: the prefix was learnt for one user; the function now sees another (a changed setting
    // has the same effect: the known prefix is no longer this caller's).
    const { fake, port } = await inProcessWx()
    await recognizePhoto(optionsFor(fake))
    port.context = { OPENID: 'oSomeoneElse', SOURCE: 'wx_client' }
    // Act
    const refused = await recognizePhoto(optionsFor(fake))
    const again = ok(await recognizePhoto(optionsFor(fake)))
    // Assess
    expect(refused).toMatchObject({ ok: false, error: { code: 'FILE_FORBIDDEN' } })
    expect(fake.cloud.uploadFile.mock.calls[2]?.[0].cloudPath).toMatch(
      /^ocr-uploads\/oSomeoneElse\//,
    )
    expect(again.ok).toBe(true)
  })

  it("shows the function's refusal to give one (a call without an OPENID), uploading nothing", async () => {
    // Prepare
    const { fake, port } = await inProcessWx()
    port.context = {}
    // Act
    const reply = await recognizePhoto(optionsFor(fake))
    // Assess
    expect(reply).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST', retryable: false } })
    expect(fake.cloud.uploadFile).not.toHaveBeenCalled()
  })
})

describe('failures around the call', () => {
  it('maps a failed callFunction (network, not a reply) to a retryable message, keeping the photo', async () => {
    // Prepare
    const { fake } = await inProcessWx()
    fake.cloud.callFunction.mockRejectedValue(
      wxError('cloud.callFunction:fail request:fail timeout'),
    )
    // Act
    const reply = await recognizePhoto(optionsFor(fake))
    // Assess
    expect(reply).toMatchObject({
      ok: false,
      error: {
        code: 'CALL_FAILED',
        retryable: true,
        userMessage: LOCAL_ERRORS.CALL_FAILED.userMessage,
      },
      photo: { path: PHOTO.tempFilePath },
    })
  })

  it('maps a failed upload to a retryable message', async () => {
    // Prepare
    const { fake } = await inProcessWx()
    fake.cloud.uploadFile.mockRejectedValue(wxError('cloud.uploadFile:fail network error'))
    // Act
    const reply = await recognizePhoto(optionsFor(fake))
    // Assess
    expect(reply).toMatchObject({ ok: false, error: { code: 'UPLOAD_FAILED', retryable: true } })
    expect(recognitionCalls(fake)).toEqual([])
  })

  it('refuses a result that is not a reply', async () => {
    // Prepare
    const { fake } = await inProcessWx()
    const real = fake.cloud.callFunction.getMockImplementation()
    fake.cloud.callFunction.mockImplementation(async (options) =>
      options.data.action === 'uploadPrefix' && real ? real(options) : { result: { items: [] } },
    )
    // Act
    const reply = await recognizePhoto(optionsFor(fake))
    // Assess
    expect(reply).toMatchObject({ ok: false, error: { code: 'BAD_REPLY', retryable: false } })
  })

  it('retries with the prepared photo as filePath: uploads again, never re-chooses or re-compresses', async () => {
    // Prepare
    const { fake } = await bigPhoto([1.5 * MB])
    fake.cloud.uploadFile.mockImplementationOnce(async () => {
      throw wxError('cloud.uploadFile:fail network error')
    })
    const first = await recognizePhoto(optionsFor(fake))
    if (first === null || first.ok || first.photo === undefined)
      throw new Error('expected a failure with a photo')
    fake.getImageInfo.mockResolvedValue({ width: 1536, height: 2048 })
    // Act
    const second = await recognizePhoto({ ...optionsFor(fake), filePath: first.photo.path })
    // Assess
    expect(second?.ok).toBe(true)
    expect(fake.chooseMedia).toHaveBeenCalledTimes(1)
    expect(fake.compressImage).toHaveBeenCalledTimes(1)
    expect(fake.cloud.uploadFile).toHaveBeenCalledTimes(2)
    expect(fake.cloud.uploadFile.mock.calls[1]?.[0].filePath).toBe('wxfile://tmp/compressed-1.jpg')
  })
})

describe('diagnostics for the developer', () => {
  it('reports nothing when all goes well', async () => {
    // Prepare
    const { fake } = await inProcessWx()
    // Act
    await recognizePhoto(optionsFor(fake))
    // Assess
    expect(consoleError).not.toHaveBeenCalled()
  })

  it("reports the function's failure once: code, message, requestId, the platform's code, hint", async () => {
    // Prepare: WeChat answers 101002 (decode failed) to the function.
    const { fake, port } = await inProcessWx()
    port.script = [{ reject: sdkError(101002, 'image decode failed') }]
    // Act
    const reply = await recognizePhoto(optionsFor(fake))
    // Assess
    if (reply === null || reply.ok) throw new Error('expected a failure')
    expect(consoleError).toHaveBeenCalledTimes(1)
    expect(consoleError.mock.calls[0]?.[1]).toEqual({
      code: reply.error.code,
      message: reply.error.message,
      requestId: expect.any(String),
      errCode: 101002,
      hint: reply.error.hint,
    })
    expect(reply.error.userMessage).not.toContain('101002')
  })

  it('names a function that is not deployed when the upload-prefix question fails on it', async () => {
    // Prepare
    const { fake } = await inProcessWx()
    const errMsg =
      'cloud.callFunction:fail Error: errCode: -501000  | errMsg: FunctionName parameter could not be found.'
    fake.cloud.callFunction.mockRejectedValue(
      Object.assign(new Error(errMsg), { errCode: -501000, errMsg }),
    )
    // Act
    const reply = await recognizePhoto(optionsFor(fake))
    // Assess
    expect(reply).toMatchObject({
      ok: false,
      error: { code: 'FUNCTION_NOT_FOUND', retryable: false },
    })
    expect(fake.cloud.uploadFile).not.toHaveBeenCalled()
    expect(consoleError.mock.calls[0]?.[1]).toMatchObject({
      code: 'FUNCTION_NOT_FOUND',
      errCode: -501000,
      message: errMsg,
    })
  })

  it('names an env that does not exist when the upload fails on it', async () => {
    // Prepare
    const { fake } = await inProcessWx()
    fake.cloud.uploadFile.mockRejectedValue({
      errCode: -501000,
      errMsg: 'cloud.uploadFile:fail Error: errCode: -501000  | errMsg: Environment not found',
    })
    // Act
    const reply = await recognizePhoto(optionsFor(fake))
    // Assess
    expect(reply).toMatchObject({ ok: false, error: { code: 'ENV_NOT_FOUND' } })
  })
})
