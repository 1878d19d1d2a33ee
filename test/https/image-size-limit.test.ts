// The platform's image limit has one owner (src/checks/size-limit.ts) and three places that apply it: the
// function, the HTTPS client and the local cloud's HTTPS endpoint. All three must draw the line at the
// same byte: one byte under 2 MiB is recognized, exactly 2 MiB is refused ("小于2M").
import { createPrintedTextClient, RetryQuota } from '../../src/https'
import { IMAGE_SIZE_LIMIT_BYTES } from '../../src/checks/size-limit'
import { WECHAT_ERRORS } from '../../emulator/ocr-service/wechat-errors'
import { createInMemoryPort } from '../support/in-memory-port'
import { NO_CACHE, testCredentials } from '../support/https-client'
import { instantClock } from '../support/instant-clock'
import { pngImage } from '../support/images/formats'
import { startTestCloud, type TestCloud } from '../support/local-cloud'
import { testHandler } from '../support/test-handler'

/** A whole PNG padded after its end to exactly `size` bytes (the readers stop at IEND). */
function pngOfSize(png: Buffer, size: number): Buffer {
  return Buffer.concat([png, Buffer.alloc(size - png.length)])
}

const SIZES = [
  { name: 'one byte under 2 MiB', size: IMAGE_SIZE_LIMIT_BYTES - 1, accepted: true },
  { name: 'exactly 2 MiB', size: IMAGE_SIZE_LIMIT_BYTES, accepted: false },
]

describe('the 2 MiB limit, applied by each of its users', () => {
  let png: Buffer
  let t: TestCloud

  beforeAll(async () => {
    png = await pngImage(64, 48)
    t = await startTestCloud({ quiet: true })
  })
  afterAll(() => t.stop())

  it.each(SIZES)('the function: $name', async ({ size, accepted }) => {
    // Prepare
    const port = createInMemoryPort()
    const { handler } = testHandler(port)
    // Act
    const reply = await handler({ img: { value: pngOfSize(png, size) } })
    // Assess
    expect(reply.ok ? 'ok' : reply.error.code).toBe(accepted ? 'ok' : 'IMAGE_TOO_LARGE')
    expect(port.calls).toHaveLength(accepted ? 1 : 0)
  })

  it.each(SIZES)('the HTTPS client: $name', async ({ size, accepted }) => {
    // Prepare
    const ocr = createPrintedTextClient({
      ...testCredentials(),
      baseUrl: t.cloud.origin,
      clock: instantClock(),
      retryQuota: new RetryQuota(),
      ...NO_CACHE,
    })
    const before = t.cloud.requests.count('ocr-https')
    // Act
    const reply = await ocr.recognize({ img: pngOfSize(png, size) })
    // Assess
    expect(reply.ok ? 'ok' : reply.error.code).toBe(accepted ? 'ok' : 'IMAGE_TOO_LARGE')
    expect(t.cloud.requests.count('ocr-https') - before).toBe(accepted ? 1 : 0)
  })

  it.each(SIZES)("the local cloud's endpoint: $name", async ({ size, accepted }) => {
    // Prepare
    const form = new FormData()
    form.append('img', new Blob([new Uint8Array(pngOfSize(png, size))]), 'image.png')
    const token = t.cloud.issueToken().access_token
    // Act
    const response = await fetch(`${t.cloud.ocrEndpoint}?access_token=${token}`, {
      method: 'POST',
      body: form,
    })
    const body = (await response.json()) as { errcode: number }
    // Assess
    expect(body.errcode).toBe(accepted ? 0 : WECHAT_ERRORS.imageTooLarge.errcode)
  })
})
