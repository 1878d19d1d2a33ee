// A programmable stand-in for the slice of `wx` the flow uses. Each API is a jest mock with a behaviour
// close to the real one (temp paths, sizes per file, fileIDs under the path), so a test overrides only the
// call it is about. `cloud.callFunction` answers from the fixtures here; the flow's own tests
// (test/miniprogram/cloud) run the real handler behind it instead.
import { jest } from '@jest/globals'
import type { ChosenFile, WxPort } from '../../../src/miniprogram/wx-port'
import { SUCCESS_REPLY, UPLOAD_PREFIX } from './fixtures'

export const MB = 1024 * 1024

type CallFunction = WxPort['cloud']['callFunction']

export interface FakeWx extends WxPort {
  chooseMedia: jest.MockedFunction<WxPort['chooseMedia']>
  compressImage: jest.MockedFunction<WxPort['compressImage']>
  getImageInfo: jest.MockedFunction<WxPort['getImageInfo']>
  canvasToTempFilePath: jest.MockedFunction<WxPort['canvasToTempFilePath']>
  cloud: {
    uploadFile: jest.MockedFunction<WxPort['cloud']['uploadFile']>
    callFunction: jest.MockedFunction<CallFunction>
  }
  /** Bytes of each temp file, read by getFileSystemManager().getFileInfo. */
  sizes: Map<string, number>
}

export const PHOTO: ChosenFile = {
  tempFilePath: 'wxfile://tmp/photo.jpg',
  size: 800 * 1024,
  width: 1000,
  height: 2000,
}

/** Rejections are shaped like wx's: plain objects with errMsg. */
export function wxError(errMsg: string): { errMsg: string } {
  return { errMsg }
}

/** The function as the fixtures say it answers: the prefix, then SUCCESS_REPLY. */
export const fixtureCallFunction: CallFunction = async ({ data }) =>
  data.action === 'uploadPrefix'
    ? { result: { ok: true, uploadPrefix: UPLOAD_PREFIX } }
    : { result: SUCCESS_REPLY }

export function createFakeWx(
  photo: ChosenFile = PHOTO,
  callFunction: CallFunction = fixtureCallFunction,
): FakeWx {
  const sizes = new Map<string, number>([[photo.tempFilePath, photo.size]])
  let compressed = 0
  const fake: FakeWx = {
    sizes,
    chooseMedia: jest.fn<WxPort['chooseMedia']>(async () => ({ tempFiles: [photo] })),
    compressImage: jest.fn<WxPort['compressImage']>(async () => {
      compressed += 1
      return { tempFilePath: `wxfile://tmp/compressed-${compressed}.jpg` }
    }),
    getImageInfo: jest.fn<WxPort['getImageInfo']>(async () => ({ width: 1000, height: 2000 })),
    getFileSystemManager: () => ({
      getFileInfo: ({ filePath, success, fail }) => {
        const size = sizes.get(filePath)
        if (size === undefined) fail({ errMsg: `getFileInfo:fail no such file ${filePath}` })
        else success({ size })
      },
    }),
    // No offscreen canvas unless a test gives one (simulate's own `wx` has a stub that never draws).
    createOffscreenCanvas: undefined,
    canvasToTempFilePath: jest.fn<WxPort['canvasToTempFilePath']>(async () => {
      throw wxError('canvasToTempFilePath:fail this fake draws nothing')
    }),
    cloud: {
      uploadFile: jest.fn<WxPort['cloud']['uploadFile']>(async ({ cloudPath }) => ({
        fileID: `cloud://test-env.7465-test-env/${cloudPath}`,
      })),
      callFunction: jest.fn<CallFunction>(callFunction),
    },
  }
  return fake
}

/** The recognition calls only (not the uploadPrefix question). */
export function recognitionCalls(fake: FakeWx): Record<string, unknown>[] {
  return fake.cloud.callFunction.mock.calls
    .map(([options]) => options.data)
    .filter((data) => data.action === undefined)
}
