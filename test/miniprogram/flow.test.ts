// The flow alone, with a fake wx: no page, no globals.
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals'
import { DEFAULT_COMPRESS_POLICY } from '../../miniprogram/services/compress-policy'
import {
  chooseAndRecognize,
  recognizePhoto,
  type FlowOptions,
  type Stage,
} from '../../miniprogram/services/ocr-flow'
import { LOCAL_ERRORS } from '../../miniprogram/services/shown-error'
import { uploadPrefixKey } from '../../miniprogram/services/upload-prefix'
import { createFakeWx, MB, PHOTO, recognitionCalls, wxError, type FakeWx } from './support/fake-wx'
import { failureReply, SUCCESS_REPLY, UPLOAD_PREFIX } from './support/fixtures'

const ENV = 'test-env'

let consoleError: jest.SpiedFunction<typeof console.error>

beforeEach(() => {
  consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined)
})

afterEach(() => consoleError.mockRestore())

function optionsWith(stages: Stage[] = []): FlowOptions {
  return {
    functionName: 'ocrPrintedText',
    env: ENV,
    onStage: (stage) => stages.push(stage),
    now: () => 1_700_000_000_000,
    random: () => 0.5,
  }
}

function bigPhotoFake(compressedSizes: number[]): FakeWx {
  const fake = createFakeWx({
    tempFilePath: 'wxfile://tmp/big.jpg',
    size: 5 * MB,
    width: 3000,
    height: 4000,
  })
  compressedSizes.forEach((size, i) => fake.sizes.set(`wxfile://tmp/compressed-${i + 1}.jpg`, size))
  return fake
}

describe('the flow: choose -> compress -> upload -> recognize', () => {
  it('uploads under the prefix, asks for recognition with deleteAfter and names each stage', async () => {
    const fake = createFakeWx()
    const stages: Stage[] = []

    const result = await chooseAndRecognize(fake, optionsWith(stages))

    expect(result).toEqual({
      kind: 'recognized',
      reply: SUCCESS_REPLY,
      photo: { path: PHOTO.tempFilePath, size: PHOTO.size, width: 1000, height: 2000 },
    })
    expect(stages).toEqual(['compressing', 'uploading', 'recognizing'])
    expect(fake.chooseMedia).toHaveBeenCalledWith({
      count: 1,
      mediaType: ['image'],
      sourceType: ['album', 'camera'],
      sizeType: ['compressed'],
    })
    expect(fake.compressImage).not.toHaveBeenCalled()
    const [upload] = fake.cloud.uploadFile.mock.calls.map(([options]) => options)
    expect(upload).toEqual({
      cloudPath: `${UPLOAD_PREFIX}1700000000000-i00000.jpg`,
      filePath: PHOTO.tempFilePath,
    })
    expect(recognitionCalls(fake)).toEqual([
      { fileID: `cloud://test-env.7465-test-env/${upload?.cloudPath}`, deleteAfter: true },
    ])
  })

  it('compresses a 5 MB photo in steps, each from the original, until it is under 2 MB', async () => {
    const fake = bigPhotoFake([3.2 * MB, 2 * MB, 1.4 * MB])

    const result = await chooseAndRecognize(fake, optionsWith())

    // 3000 x 4000 is portrait: the width follows from capping the long side (4000) at each step.
    expect(fake.compressImage.mock.calls.map(([options]) => options)).toEqual([
      { src: 'wxfile://tmp/big.jpg', quality: 80, compressedWidth: 1536 },
      { src: 'wxfile://tmp/big.jpg', quality: 70, compressedWidth: 1200 },
      { src: 'wxfile://tmp/big.jpg', quality: 60, compressedWidth: 960 },
    ])
    expect(result.kind).toBe('recognized')
    expect(result.kind === 'recognized' && result.photo).toEqual({
      path: 'wxfile://tmp/compressed-3.jpg',
      size: 1.4 * MB,
      width: 960,
      height: 1280,
    })
    expect(fake.cloud.uploadFile.mock.calls[0]?.[0].filePath).toBe('wxfile://tmp/compressed-3.jpg')
  })

  it('refuses a photo that stays over 2 MB after every step, before uploading anything', async () => {
    const steps = DEFAULT_COMPRESS_POLICY.steps.length
    const fake = bigPhotoFake(Array.from({ length: steps }, () => 2.5 * MB))

    const result = await chooseAndRecognize(fake, optionsWith())

    expect(fake.compressImage).toHaveBeenCalledTimes(steps)
    expect(result).toMatchObject({
      kind: 'failed',
      error: {
        code: 'TOO_LARGE_AFTER_COMPRESSION',
        userMessage: LOCAL_ERRORS.TOO_LARGE_AFTER_COMPRESSION.userMessage,
        retryable: false,
      },
    })
    expect(fake.cloud.uploadFile).not.toHaveBeenCalled()
    expect(fake.cloud.callFunction).not.toHaveBeenCalled()
  })

  it('shrinks a photo whose bytes fit but whose size is beyond what recognition needs', async () => {
    const fake = createFakeWx({
      tempFilePath: 'wxfile://tmp/wide.png',
      size: 1.5 * MB,
      width: 4000,
      height: 3000,
    })
    fake.sizes.set('wxfile://tmp/compressed-1.jpg', 900 * 1024)

    await chooseAndRecognize(fake, optionsWith())

    expect(fake.compressImage.mock.calls.map(([options]) => options)).toEqual([
      { src: 'wxfile://tmp/wide.png', quality: 80, compressedWidth: 2048 },
    ])
  })

  it('reads the dimensions with getImageInfo when chooseMedia leaves them out', async () => {
    const fake = createFakeWx({ tempFilePath: 'wxfile://tmp/photo.jpg', size: 100 * 1024 })

    const result = await chooseAndRecognize(fake, optionsWith())

    expect(fake.getImageInfo).toHaveBeenCalledWith({ src: 'wxfile://tmp/photo.jpg' })
    expect(result.kind === 'recognized' && result.photo).toMatchObject({
      width: 1000,
      height: 2000,
    })
  })

  it('treats a cancelled picker as nothing happening', async () => {
    const fake = createFakeWx()
    fake.chooseMedia.mockRejectedValue(wxError('chooseMedia:fail cancel'))
    const stages: Stage[] = []

    const result = await chooseAndRecognize(fake, optionsWith(stages))

    expect(result).toEqual({ kind: 'cancelled' })
    expect(stages).toEqual([])
    expect(fake.cloud.callFunction).not.toHaveBeenCalled()
  })

  it('reports a picker that cannot open (permission denied) without a retry', async () => {
    const fake = createFakeWx()
    fake.chooseMedia.mockRejectedValue(wxError('chooseMedia:fail auth deny'))

    const result = await chooseAndRecognize(fake, optionsWith())

    expect(result).toMatchObject({
      kind: 'failed',
      error: { code: 'CHOOSE_FAILED', retryable: false, message: 'chooseMedia:fail auth deny' },
    })
  })
})

describe('the upload prefix', () => {
  it('is asked for once and then read from storage', async () => {
    const fake = createFakeWx()

    await chooseAndRecognize(fake, optionsWith())
    await chooseAndRecognize(fake, optionsWith())

    const questions = fake.cloud.callFunction.mock.calls.filter(
      ([options]) => options.data.action === 'uploadPrefix',
    )
    expect(questions).toEqual([[{ name: 'ocrPrintedText', data: { action: 'uploadPrefix' } }]])
    expect(fake.setStorageSync).toHaveBeenCalledWith(uploadPrefixKey(ENV), UPLOAD_PREFIX)
    expect(recognitionCalls(fake)).toHaveLength(2)
  })

  it('asks again when the stored value is not a usable folder', async () => {
    const fake = createFakeWx()
    fake.storage.set(uploadPrefixKey(ENV), '../someone-else/')

    await chooseAndRecognize(fake, optionsWith())

    expect(fake.cloud.uploadFile.mock.calls[0]?.[0].cloudPath.startsWith(UPLOAD_PREFIX)).toBe(true)
    expect(fake.storage.get(uploadPrefixKey(ENV))).toBe(UPLOAD_PREFIX)
  })

  it('is forgotten after FILE_FORBIDDEN, so the next attempt asks again', async () => {
    const fake = createFakeWx()
    fake.storage.set(uploadPrefixKey(ENV), 'ocr-uploads/stale/')
    fake.cloud.callFunction.mockImplementation(async ({ data }) => ({
      result:
        data.action === 'uploadPrefix'
          ? { ok: true, uploadPrefix: UPLOAD_PREFIX }
          : {
              ok: false,
              error: {
                code: 'FILE_FORBIDDEN',
                message: 'm',
                userMessage: 'u',
                retryable: false,
                hint: 'h',
              },
            },
    }))

    await chooseAndRecognize(fake, optionsWith())

    expect(fake.removeStorageSync).toHaveBeenCalledWith(uploadPrefixKey(ENV))
    expect(fake.storage.has(uploadPrefixKey(ENV))).toBe(false)
  })

  it("shows the function's error when it refuses to give one", async () => {
    const fake = createFakeWx()
    const error = {
      code: 'INVALID_REQUEST',
      message: 'no OPENID',
      userMessage: '请求参数有误',
      retryable: false,
      hint: 'h',
    }
    fake.cloud.callFunction.mockResolvedValue({ result: { ok: false, error } })

    const result = await chooseAndRecognize(fake, optionsWith())

    expect(result).toMatchObject({
      kind: 'failed',
      error: { code: 'INVALID_REQUEST', userMessage: '请求参数有误' },
    })
    expect(fake.cloud.uploadFile).not.toHaveBeenCalled()
  })
})

describe('failures around the call', () => {
  it('maps a failed callFunction (network, not a reply) to a retryable message', async () => {
    const fake = createFakeWx()
    fake.storage.set(uploadPrefixKey(ENV), UPLOAD_PREFIX)
    fake.cloud.callFunction.mockRejectedValue(
      wxError('cloud.callFunction:fail request:fail timeout'),
    )

    const result = await chooseAndRecognize(fake, optionsWith())

    expect(result).toMatchObject({
      kind: 'failed',
      error: {
        code: 'CALL_FAILED',
        retryable: true,
        userMessage: LOCAL_ERRORS.CALL_FAILED.userMessage,
      },
      photo: { path: PHOTO.tempFilePath },
    })
  })

  it('maps a failed upload to a retryable message', async () => {
    const fake = createFakeWx()
    fake.cloud.uploadFile.mockRejectedValue(wxError('cloud.uploadFile:fail network error'))

    const result = await chooseAndRecognize(fake, optionsWith())

    expect(result).toMatchObject({
      kind: 'failed',
      error: { code: 'UPLOAD_FAILED', retryable: true },
    })
    expect(recognitionCalls(fake)).toEqual([])
  })

  it('refuses a result that is not a reply', async () => {
    const fake = createFakeWx()
    fake.storage.set(uploadPrefixKey(ENV), UPLOAD_PREFIX)
    fake.cloud.callFunction.mockResolvedValue({ result: { items: [] } })

    const result = await chooseAndRecognize(fake, optionsWith())

    expect(result).toMatchObject({ kind: 'failed', error: { code: 'BAD_REPLY', retryable: false } })
  })

  it('retries with the prepared photo: uploads again, never re-chooses or re-compresses', async () => {
    const fake = bigPhotoFake([1.5 * MB])
    fake.cloud.uploadFile.mockRejectedValueOnce(wxError('cloud.uploadFile:fail network error'))
    const first = await chooseAndRecognize(fake, optionsWith())
    if (first.kind !== 'failed' || first.photo === undefined)
      throw new Error('expected a failure with a photo')

    const second = await recognizePhoto(fake, first.photo, optionsWith())

    expect(second.kind).toBe('recognized')
    expect(fake.chooseMedia).toHaveBeenCalledTimes(1)
    expect(fake.compressImage).toHaveBeenCalledTimes(1)
    expect(fake.cloud.uploadFile).toHaveBeenCalledTimes(2)
    expect(fake.cloud.uploadFile.mock.calls[1]?.[0].filePath).toBe('wxfile://tmp/compressed-1.jpg')
  })
})

describe('diagnostics for the developer', () => {
  it('reports nothing when all goes well', async () => {
    await chooseAndRecognize(createFakeWx(), optionsWith())

    expect(consoleError).not.toHaveBeenCalled()
  })

  it("reports a failure once with console.error: code, message, requestId, the platform's code", async () => {
    const fake = createFakeWx()
    const entry = {
      message: 'WeChat answered 101002 (image decode failed)',
      userMessage: '图片无法识别',
      retryable: false,
      hint: 'h',
    }
    const reply = failureReply('IMAGE_DECODE_FAILED', entry)
    fake.cloud.callFunction.mockImplementation(async ({ data }) => ({
      result:
        data.action === 'uploadPrefix'
          ? { ok: true, uploadPrefix: UPLOAD_PREFIX }
          : { ...reply, error: { ...reply.error, errCode: 101002 } },
    }))

    const result = await chooseAndRecognize(fake, optionsWith())

    expect(result).toMatchObject({ kind: 'failed', error: { userMessage: '图片无法识别' } })
    expect(consoleError).toHaveBeenCalledTimes(1)
    expect(consoleError.mock.calls[0]?.[1]).toEqual({
      code: 'IMAGE_DECODE_FAILED',
      message: entry.message,
      requestId: 'req-1',
      errCode: 101002,
      hint: 'h',
    })
  })

  it('names a function that is not deployed when the upload-prefix question fails on it', async () => {
    const fake = createFakeWx()
    const errMsg =
      'cloud.callFunction:fail Error: errCode: -501000  | errMsg: FunctionName parameter could not be found.'
    fake.cloud.callFunction.mockRejectedValue(
      Object.assign(new Error(errMsg), { errCode: -501000, errMsg }),
    )

    const result = await chooseAndRecognize(fake, optionsWith())

    expect(result).toMatchObject({
      kind: 'failed',
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
    const fake = createFakeWx()
    fake.cloud.uploadFile.mockRejectedValue({
      errCode: -501000,
      errMsg: 'cloud.uploadFile:fail Error: errCode: -501000  | errMsg: Environment not found',
    })

    const result = await chooseAndRecognize(fake, optionsWith())

    expect(result).toMatchObject({ kind: 'failed', error: { code: 'ENV_NOT_FOUND' } })
  })
})
