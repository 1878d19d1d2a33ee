// recognizePhoto end to end, as a phone runs it: real files, a compressImage that really re-encodes, the
// built function through the real wx-server-sdk against one local cloud with the real engine. A 4032 px
// photo over 2 MB is brought under the limit, uploaded under the user's prefix, read, and deleted.
import {
  afterAll,
  afterEach,
  beforeAll,
  beforeEach,
  describe,
  expect,
  it,
  jest,
} from '@jest/globals'
import { promises as fs } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import sharp from 'sharp'
import { isUnderImageSizeLimit } from '../../../src/checks/size-limit'
import { recognizePhoto, type PhotoReply } from '../../../src/miniprogram/recognize-photo'
import { generateTextImage } from '../../support/images'
import { startTestCloud, type TestCloud } from '../../support/local-cloud'
import { phoneWx } from './phone-wx'

const OPENID = 'oPhoneUser01'
const LINES = ['Printed text, photographed', '手机拍照的文字识别', 'Meeting room 3, 14:30']

let t: TestCloud<undefined>
let tempDir: string
let photo: string
let screenshot: string
let consoleError: jest.SpiedFunction<typeof console.error>

beforeAll(async () => {
  t = await startTestCloud({ functions: 'built', engine: 'real', quiet: true })
  tempDir = await fs.mkdtemp(path.join(os.tmpdir(), 'phone-wx-'))
  // A phone photo: 4032 x 3024, sensor noise, JPEG at 92, over 2 MB.
  const generated = await generateTextImage({
    name: 'phone-photo',
    width: 4032,
    height: 3024,
    background: '#f4f1ea',
    noise: 16,
    seed: 3,
    format: 'jpeg',
    jpegQuality: 92,
    lines: LINES.map((text, i) => ({
      text,
      x: 300,
      baseline: 700 + 500 * i,
      size: 150,
      color: '#1a1a1a',
    })),
  })
  photo = path.join(tempDir, 'IMG_0001.jpg')
  await fs.writeFile(photo, generated.bytes)
  // The same picture as a PNG, as an iOS screenshot comes: far over 2 MB.
  screenshot = path.join(tempDir, 'IMG_0002.png')
  await sharp(generated.bytes).png().toFile(screenshot)
}, 120_000)

afterAll(async () => {
  await t.stop()
  await fs.rm(tempDir, { recursive: true, force: true })
})

beforeEach(() => {
  consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined)
})

afterEach(() => consoleError.mockRestore())

function recognized(reply: PhotoReply | null): Extract<PhotoReply, { ok: true }> {
  if (reply === null || !reply.ok) throw new Error(`expected a reply, got ${JSON.stringify(reply)}`)
  return reply
}

async function storedUploads(): Promise<string[]> {
  const dir = path.join(t.cloud.storageDir, 'ocr-uploads', OPENID)
  return fs.readdir(dir).catch(() => [])
}

describe('a phone photo', () => {
  it('4032 px over 2 MB: compressed under 2 MB at 2048 px, uploaded under the prefix, read, deleted', async () => {
    // Prepare
    const wx = phoneWx(t, { photo, tempDir, openid: OPENID })
    const original = (await fs.stat(photo)).size
    // Act
    const reply = recognized(await recognizePhoto({ wx }))
    // Assess
    expect(isUnderImageSizeLimit(original)).toBe(false)
    expect(wx.compressImage).toHaveBeenCalledTimes(1)
    expect(isUnderImageSizeLimit(reply.photo.size)).toBe(true)
    expect(reply.photo).toMatchObject({ width: 2048, height: 1536 })
    expect(reply.imgSize).toEqual({ w: 2048, h: 1536 })
    const [upload] = wx.cloud.uploadFile.mock.calls.map(([options]) => options)
    expect(upload?.cloudPath.startsWith(`ocr-uploads/${OPENID}/`)).toBe(true)
    expect(reply.items.map((item) => item.text)).toEqual(LINES)
    expect(await storedUploads()).toEqual([])
    expect(t.platformCalls()).toBe(1)
    expect(consoleError).not.toHaveBeenCalled()
  })

  it('an iOS PNG that compressImage hands back unchanged goes through the canvas as a JPEG', async () => {
    // Prepare
    const wx = phoneWx(t, { photo: screenshot, tempDir, openid: OPENID, ios: true })
    const callsBefore = t.platformCalls()
    // Act
    const reply = recognized(await recognizePhoto({ wx }))
    // Assess
    expect(wx.compressImage).toHaveBeenCalledTimes(1)
    expect(wx.drawn).toEqual([{ src: screenshot, width: 2048, height: 1536 }])
    expect(wx.canvasToTempFilePath).toHaveBeenCalledTimes(1)
    expect((await sharp(reply.photo.path).metadata()).format).toBe('jpeg')
    expect(isUnderImageSizeLimit(reply.photo.size)).toBe(true)
    expect(reply.items.map((item) => item.text)).toEqual(LINES)
    expect(await storedUploads()).toEqual([])
    expect(t.platformCalls()).toBe(callsBefore + 1)
  })

  it('a cancelled picker resolves null and reaches nothing', async () => {
    // Prepare
    const wx = phoneWx(t, { photo, tempDir, openid: OPENID })
    wx.chooseMedia.mockRejectedValue({ errMsg: 'chooseMedia:fail cancel' })
    const callsBefore = t.platformCalls()
    // Act
    const reply = await recognizePhoto({ wx })
    // Assess
    expect(reply).toBeNull()
    expect(wx.cloud.callFunction).not.toHaveBeenCalled()
    expect(wx.cloud.uploadFile).not.toHaveBeenCalled()
    expect(t.platformCalls()).toBe(callsBefore)
  })

  it('a function the env does not know: the platform failure is named, logged once, and nothing uploaded', async () => {
    // Prepare: the cloud knows no function by this name, as an env where it was never deployed.
    const wx = phoneWx(t, { photo, tempDir, openid: OPENID })
    const callsBefore = t.platformCalls()
    // Act
    const reply = await recognizePhoto({ wx, functionName: 'ocrNeverDeployed' })
    // Assess
    expect(reply).toMatchObject({
      ok: false,
      error: { code: 'FUNCTION_NOT_FOUND', retryable: false, errCode: -501000 },
    })
    expect(consoleError).toHaveBeenCalledTimes(1)
    expect(wx.cloud.uploadFile).not.toHaveBeenCalled()
    expect(t.platformCalls()).toBe(callsBefore)
  })
})
