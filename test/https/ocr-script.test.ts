// `npm run ocr -- --https <image>` goes through recognizeFileViaHttps: a file on disk, the HTTPS client,
// the local cloud's token route and OCR endpoint.
import { promises as fs } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { recognizeFileViaHttps } from '../../scripts/ocr-https'
import { startTestCloud, type TestCloud } from '../support/local-cloud'
import { testCredentials } from '../support/https-client'
import { pngImage } from '../support/images/formats'

let t: TestCloud
let dir: string

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ocr-https-script-'))
})
afterEach(async () => {
  await t.stop()
  await fs.rm(dir, { recursive: true, force: true })
})

it('recognizes an image file through the token route and the HTTPS endpoint', async () => {
  // Prepare
  t = await startTestCloud({ quiet: true })
  const imagePath = path.join(dir, 'scan.png')
  await fs.writeFile(imagePath, await pngImage())
  // Act
  const reply = await recognizeFileViaHttps({ origin: t.cloud.origin, imagePath })
  // Assess
  expect(reply).toMatchObject({ ok: true, text: expect.stringContaining('localcloud') })
  expect(t.cloud.requests.count('stable-token')).toBe(1)
  expect(t.cloud.requests.count('ocr-https')).toBe(1)
})

it('uses the credentials a configured local cloud insists on', async () => {
  // Prepare
  const credentials = testCredentials()
  t = await startTestCloud({ quiet: true, credentials })
  const imagePath = path.join(dir, 'scan.png')
  await fs.writeFile(imagePath, await pngImage())
  // Act
  const refused = await recognizeFileViaHttps({ origin: t.cloud.origin, imagePath })
  const accepted = await recognizeFileViaHttps({
    origin: t.cloud.origin,
    imagePath,
    ...credentials,
  })
  // Assess
  expect(refused).toMatchObject({ ok: false, error: { code: 'CREDENTIALS_REFUSED' } })
  expect(accepted).toMatchObject({ ok: true })
})
