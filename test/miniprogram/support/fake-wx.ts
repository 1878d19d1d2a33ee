// A programmable stand-in for the slice of `wx` the flow uses. Each API is a jest mock with a behaviour
// close to the real one (temp paths, sizes per file, storage that remembers, fileIDs under the path),
// so a test overrides only the call it is about.
import { jest } from '@jest/globals'
import type { ChosenFile, WxPort } from '../../../miniprogram/services/wx-port'
import { SUCCESS_REPLY, UPLOAD_PREFIX } from './fixtures'

export const MB = 1024 * 1024

export interface FakeWx extends WxPort {
  chooseMedia: jest.MockedFunction<WxPort['chooseMedia']>
  compressImage: jest.MockedFunction<WxPort['compressImage']>
  getImageInfo: jest.MockedFunction<WxPort['getImageInfo']>
  setStorageSync: jest.MockedFunction<WxPort['setStorageSync']>
  removeStorageSync: jest.MockedFunction<WxPort['removeStorageSync']>
  cloud: {
    uploadFile: jest.MockedFunction<WxPort['cloud']['uploadFile']>
    callFunction: jest.MockedFunction<WxPort['cloud']['callFunction']>
  }
  /** Bytes of each temp file, read by getFileSystemManager().getFileInfo. */
  sizes: Map<string, number>
  storage: Map<string, string>
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

export function createFakeWx(photo: ChosenFile = PHOTO): FakeWx {
  const sizes = new Map<string, number>([[photo.tempFilePath, photo.size]])
  const storage = new Map<string, string>()
  let compressed = 0
  const fake: FakeWx = {
    sizes,
    storage,
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
    getStorageSync: (key) => storage.get(key) ?? '',
    setStorageSync: jest.fn<WxPort['setStorageSync']>((key, value) => {
      storage.set(key, value)
    }),
    removeStorageSync: jest.fn<WxPort['removeStorageSync']>((key) => {
      storage.delete(key)
    }),
    cloud: {
      uploadFile: jest.fn<WxPort['cloud']['uploadFile']>(async ({ cloudPath }) => ({
        fileID: `cloud://test-env.7465-test-env/${cloudPath}`,
      })),
      callFunction: jest.fn<WxPort['cloud']['callFunction']>(async ({ data }) =>
        data.action === 'uploadPrefix'
          ? { result: { ok: true, uploadPrefix: UPLOAD_PREFIX } }
          : { result: SUCCESS_REPLY },
      ),
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
