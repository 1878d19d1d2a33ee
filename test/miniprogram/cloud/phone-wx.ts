// A `wx` as a phone gives it, over real files: the picker hands out a file in a temp folder,
// compressImage really re-encodes (sharp; on "iOS" it hands a PNG back unchanged, as the platform does),
// the offscreen canvas draws and exports a JPEG through sharp, uploadFile writes into the local cloud's
// storage and callFunction runs the built function through the real wx-server-sdk against that cloud,
// as the caller `openid` (a name the cloud holds no function for fails as the platform fails it). Only wx.* and the platform are stood in for.
import { jest } from '@jest/globals'
import { promises as fs } from 'node:fs'
import path from 'node:path'
import sharp from 'sharp'
import { callFunctionRaw } from '../../support/built-function'
import type { TestCloud } from '../../support/local-cloud'
import type {
  CanvasImage,
  ChosenFile,
  OffscreenCanvas2D,
  WxCloudPort,
  WxPort,
} from '../../../src/miniprogram/wx-port'

export interface PhoneWx extends WxPort {
  chooseMedia: jest.MockedFunction<WxPort['chooseMedia']>
  compressImage: jest.MockedFunction<WxPort['compressImage']>
  canvasToTempFilePath: jest.MockedFunction<WxPort['canvasToTempFilePath']>
  cloud: {
    uploadFile: jest.MockedFunction<WxCloudPort['uploadFile']>
    callFunction: jest.MockedFunction<WxCloudPort['callFunction']>
  }
  /** What the canvas drew: the source file and the size it was drawn at. */
  drawn: { src: string; width: number; height: number }[]
}

export interface PhoneOptions {
  /** The photo the picker hands out. */
  photo: string
  tempDir: string
  openid: string
  /** iOS: compressImage re-encodes only JPEG and ignores the width. */
  ios?: boolean
}

/** The platform's answer to a name the env holds no function for (-501000, as DevTools shows it). */
async function deployed(t: TestCloud<unknown>, name: string): Promise<void> {
  const found = await fs.access(path.join(t.cloud.functionsRoot, name)).then(
    () => true,
    () => false,
  )
  if (found) return
  const errMsg = `cloud.callFunction:fail Error: errCode: -501000  | errMsg: FunctionName parameter could not be found.`
  throw Object.assign(new Error(errMsg), { errCode: -501000, errMsg })
}

async function chosenFile(file: string): Promise<ChosenFile> {
  const { width, height } = await sharp(file).metadata()
  return { tempFilePath: file, size: (await fs.stat(file)).size, width, height }
}

export function phoneWx(t: TestCloud<unknown>, options: PhoneOptions): PhoneWx {
  let temps = 0
  const tempFile = (extension: string) => path.join(options.tempDir, `tmp-${++temps}.${extension}`)
  const drawn: PhoneWx['drawn'] = []
  const canvasOf = new WeakMap<OffscreenCanvas2D, { src: string; width: number; height: number }>()

  const createOffscreenCanvas: NonNullable<WxPort['createOffscreenCanvas']> = ({
    width,
    height,
  }) => {
    let image: CanvasImage | undefined
    const canvas: OffscreenCanvas2D = {
      width,
      height,
      createImage: () => {
        const created: CanvasImage = {
          onload: null,
          onerror: null,
          get src() {
            return this._src
          },
          set src(value: string) {
            this._src = value
            // A local file loads on the next turn, or fails to.
            fs.access(value).then(
              () => created.onload?.(),
              (error: unknown) => created.onerror?.(error),
            )
          },
          _src: '',
        } as CanvasImage & { _src: string }
        image = created
        return created
      },
      getContext: () => ({
        drawImage: (source, _x, _y, w, h) => {
          if (source !== image) throw new Error('drawImage of an image this canvas did not create')
          drawn.push({ src: source.src, width: w, height: h })
          canvasOf.set(canvas, { src: source.src, width: w, height: h })
        },
      }),
    }
    return canvas
  }

  return {
    drawn,
    chooseMedia: jest.fn<WxPort['chooseMedia']>(async () => ({
      tempFiles: [await chosenFile(options.photo)],
    })),
    compressImage: jest.fn<WxPort['compressImage']>(async ({ src, quality, compressedWidth }) => {
      const { format } = await sharp(src).metadata()
      if (options.ios === true && format !== 'jpeg') return { tempFilePath: src }
      const out = tempFile('jpg')
      const resize = options.ios === true ? {} : { width: compressedWidth }
      await sharp(src).resize(resize).jpeg({ quality }).toFile(out)
      return { tempFilePath: out }
    }),
    getImageInfo: async ({ src }) => {
      const { width = 0, height = 0 } = await sharp(src).metadata()
      return { width, height }
    },
    getFileSystemManager: () => ({
      getFileInfo: ({ filePath, success, fail }) => {
        fs.stat(filePath).then(
          ({ size }) => success({ size }),
          () => fail({ errMsg: `getFileInfo:fail no such file ${filePath}` }),
        )
      },
    }),
    createOffscreenCanvas,
    canvasToTempFilePath: jest.fn<WxPort['canvasToTempFilePath']>(async ({ canvas, quality }) => {
      const picture = canvasOf.get(canvas)
      if (picture === undefined) throw { errMsg: 'canvasToTempFilePath:fail nothing drawn' }
      const out = tempFile('jpg')
      await sharp(picture.src)
        .resize(picture.width, picture.height, { fit: 'fill' })
        .jpeg({ quality: Math.round(quality * 100) })
        .toFile(out)
      return { tempFilePath: out }
    }),
    cloud: {
      uploadFile: jest.fn<WxCloudPort['uploadFile']>(async ({ cloudPath, filePath }) => ({
        fileID: await t.cloud.putFile(cloudPath, await fs.readFile(filePath)),
      })),
      callFunction: jest.fn<WxCloudPort['callFunction']>(async ({ name, data }) => {
        await deployed(t, name)
        return {
          result: await callFunctionRaw(t, data, { openid: options.openid, functionName: name }),
        }
      }),
    },
  }
}
