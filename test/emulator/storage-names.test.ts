// Storage like the platform's, through the real SDK: any file name downloads (the temporary URL survives the
// SDK's encodeURI), a name no disk can hold is a missing file, and the function reports both as a caller's
// file error or a success, never as a retryable "system busy".
import path from 'node:path'

import { invokeFunction } from '../../emulator/function-runner'
import { startTestCloud, type TestCloud } from '../support/local-cloud'
import { LOOPBACK_GUARD_ENV } from '../support/child-guard'
import { pngImage } from '../support/images/formats'
import { callFixture, expectCaught } from '../support/fixture-function'

const REPO = path.join(__dirname, '..', '..')
const NAMES = ['a#1.png', 'what?.png', '100%.png', 'a b+c&d=e;f.png', '收据 #3?.png', '%23.png']
const LONG_NAME = `${'x'.repeat(5000)}.png`

let t: TestCloud
let png: Buffer
beforeAll(async () => {
  png = await pngImage(64, 32)
  t = await startTestCloud({ functions: 'built' })
})
afterAll(() => t.stop())

describe('cloud.downloadFile through the real SDK', () => {
  it.each(NAMES)('downloads %j', async (name) => {
    const fileID = await t.cloud.putFile(`uploads/${name}`, png)
    const outcome = await callFixture(t, { op: 'download', fileID })
    expect(outcome).toEqual({ ok: true, value: { base64: png.toString('base64') } })
  })

  it('hands out temporary URLs that encodeURI leaves as they are', async () => {
    const fileID = await t.cloud.putFile('uploads/a#b?c%d 收.png', png)
    const outcome = await callFixture(t, { op: 'tempUrl', fileList: [fileID] })
    const url = (outcome.ok ? outcome.value : {}) as { fileList?: { tempFileURL: string }[] }
    const tempFileURL = url.fileList?.[0]?.tempFileURL ?? ''
    expect(tempFileURL).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/__storage\//)
    expect(encodeURI(tempFileURL)).toBe(tempFileURL)
  })

  it('reports a 5,000-character path as a missing file', async () => {
    const fileID = (await t.cloud.putFile('uploads/short.png', png)).replace('short.png', LONG_NAME)
    const caught = expectCaught(await callFixture(t, { op: 'download', fileID }))
    expect(caught.own).toMatchObject({ code: 'STORAGE_FILE_NONEXIST' })
  })
})

describe('the built function on such files', () => {
  async function recognize(cloudPath: string, store: boolean): Promise<unknown> {
    const fileID = store
      ? await t.cloud.putFile(cloudPath, png)
      : (await t.cloud.putFile('ocr-uploads/u1/short.png', png)).replace(
          'ocr-uploads/u1/short.png',
          cloudPath,
        )
    const { result } = await invokeFunction({
      functionDir: path.join(REPO, 'cloudfunctions', 'ocrPrintedText'),
      functionName: 'ocrPrintedText',
      event: { fileID },
      cloud: t.cloud,
      openid: 'u1',
      extraEnv: LOOPBACK_GUARD_ENV,
    })
    return result
  }

  it('recognizes a file named with # ? and %', async () => {
    expect(await recognize('ocr-uploads/u1/scan #2?.png', true)).toMatchObject({
      ok: true,
      imgSize: { w: 64, h: 32 },
    })
  })

  it('reports a file whose name is too long for any disk as not found, not retryable', async () => {
    expect(await recognize(`ocr-uploads/u1/${LONG_NAME}`, false)).toMatchObject({
      ok: false,
      error: { code: 'FILE_NOT_FOUND', retryable: false },
    })
  })
})
