// The cloud function's real handler behind the fake wx, in-process: callFunction runs it over the
// in-memory port (with the platform's JSON round trip), uploadFile puts the bytes where the port reads
// them. So the mini program half meets the function's real upload prefix, file guard and reply shape, and
// a drift between the two fails a test rather than a user.
import { createInMemoryPort, type InMemoryPort } from '../../support/in-memory-port'
import { testHandler } from '../../support/test-handler'
import { pngImage } from '../../support/images/formats'
import { createFakeWx, PHOTO, type FakeWx } from '../support/fake-wx'
import type { ChosenFile } from '../../../src/miniprogram/wx-port'

export const OPENID = 'oUser123'
/** What the function's default rule (ocr-uploads/{OPENID}/) gives this user. */
export const USER_PREFIX = `ocr-uploads/${OPENID}/`

export interface InProcessWx {
  fake: FakeWx
  /** The function's side: files in storage, printedText calls, deletes, the caller's identity. */
  port: InMemoryPort
}

export async function inProcessWx(photo: ChosenFile = PHOTO): Promise<InProcessWx> {
  const uploaded = await pngImage(120, 60)
  const port = createInMemoryPort({ context: { OPENID, SOURCE: 'wx_client' } })
  const { handler } = testHandler(port)
  const fake = createFakeWx(photo, async ({ data }) => ({
    result: JSON.parse(JSON.stringify(await handler(data))) as unknown,
  }))
  fake.cloud.uploadFile.mockImplementation(async ({ cloudPath }) => {
    const fileID = `cloud://test-env.7465-test-env/${cloudPath}`
    port.files.set(fileID, uploaded)
    return { fileID }
  })
  return { fake, port }
}
