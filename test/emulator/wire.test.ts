// The wire pieces alone: multipart framing, the protobuf messages, and the raw gateway reply.
import fc from 'fast-check'

import {
  findPart,
  MultipartError,
  multipartBoundary,
  parseMultipart,
} from '../../emulator/server/multipart'
import {
  decodeOpenApiRequest,
  decodeOpenApiResponse,
  encodeOpenApiRequest,
  encodeOpenApiResponse,
  WireDecodeError,
} from '../../emulator/gateway/wire-proto'
import { startTestCloud, type TestCloud } from '../support/local-cloud'
import { pngImage } from '../support/images/formats'

async function multipartOf(form: FormData): Promise<{ body: Buffer; type: string }> {
  const request = new Request('http://127.0.0.1/', { method: 'POST', body: form })
  return {
    body: Buffer.from(await request.arrayBuffer()),
    type: request.headers.get('content-type') ?? '',
  }
}

describe('multipart', () => {
  it('keeps binary parts byte for byte, with and without a filename', async () => {
    // Prepare
    const binary = Buffer.from([0xff, 0x00, 0x80, 0x0d, 0x0a, 0x2d, 0x2d, 0x41])
    const form = new FormData()
    form.append('action', 'wx.openApi')
    form.append('requestData', new Blob([new Uint8Array(binary)]))
    form.append('img', new Blob([new Uint8Array(binary)], { type: 'image/png' }), 'img.png')
    const { body, type } = await multipartOf(form)
    // Act
    const parts = parseMultipart(body, multipartBoundary(type) ?? '')
    // Assess
    expect(findPart(parts, 'action')?.data.toString()).toBe('wx.openApi')
    expect(findPart(parts, 'requestData')?.data).toEqual(binary)
    expect(findPart(parts, 'img')).toMatchObject({ filename: 'img.png', contentType: 'image/png' })
  })

  it('reads a quoted boundary and refuses what is not multipart', () => {
    expect(multipartBoundary('multipart/form-data; boundary="a b"')).toBe('a b')
    expect(multipartBoundary('application/json')).toBeUndefined()
  })

  it('throws only MultipartError on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.boolean(), (bytes, framed) => {
        const body = framed
          ? Buffer.concat([Buffer.from('--b\r\n'), Buffer.from(bytes), Buffer.from('\r\n--b--')])
          : Buffer.from(bytes)
        try {
          parseMultipart(body, 'b')
        } catch (error) {
          expect(error).toBeInstanceOf(MultipartError)
        }
      }),
    )
  })
})

describe('protobuf messages', () => {
  it('round-trips an openapi request as the SDK builds it', () => {
    const bytes = encodeOpenApiRequest([
      { key: 'img_url', value: Buffer.from('"http://127.0.0.1/a.png"') },
      { key: 'img', value: Buffer.from([1, 2, 3]), contenttype: 'image/png', filename: 'img.png' },
    ])
    expect(decodeOpenApiRequest(bytes).pairs).toEqual([
      {
        key: 'img_url',
        value: Buffer.from('"http://127.0.0.1/a.png"'),
        contenttype: '',
        filename: '',
      },
      { key: 'img', value: Buffer.from([1, 2, 3]), contenttype: 'image/png', filename: 'img.png' },
    ])
  })

  it('throws only WireDecodeError on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        try {
          decodeOpenApiRequest(Buffer.from(bytes))
        } catch (error) {
          expect(error).toBeInstanceOf(WireDecodeError)
        }
      }),
    )
  })

  it('round-trips a gateway error code', () => {
    const decoded = decodeOpenApiResponse(encodeOpenApiResponse({ errorCode: -604101 }))
    expect(decoded).toMatchObject({ errorCode: -604101, respData: Buffer.alloc(0) })
  })
})

describe('gateway reply on the raw wire', () => {
  let t: TestCloud
  beforeEach(async () => {
    t = await startTestCloud()
  })
  afterEach(() => t.stop())

  it('answers protobuf with a content type the SDK will not JSON-parse', async () => {
    // Prepare
    const png = await pngImage(50, 40)
    const form = new FormData()
    form.append('action', 'wx.openApi')
    form.append('apiName', 'ocr.printedText')
    form.append('envName', t.cloud.envId)
    const requestData = encodeOpenApiRequest([{ key: 'img', value: png, filename: 'img.png' }])
    form.append('requestData', new Blob([new Uint8Array(requestData)]))
    // Act
    const response = await fetch(t.cloud.gatewayUrl(), { method: 'POST', body: form })
    // Assess
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).not.toBe('application/json; charset=utf-8')
    const decoded = decodeOpenApiResponse(Buffer.from(await response.arrayBuffer()))
    expect(decoded.contentType).toBe('application/json; encoding=utf-8')
    expect(JSON.parse(decoded.respData.toString())).toMatchObject({
      errcode: 0,
      errmsg: 'ok',
      img_size: { w: 50, h: 40 },
    })
  })

  it('refuses another env and an unknown action in the TCB error shape', async () => {
    const post = (body: unknown) =>
      fetch(t.cloud.gatewayUrl('ocrFixture'), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }).then((r) => r.json() as Promise<Record<string, unknown>>)
    const otherEnv = await post({ action: 'storage.batchDeleteFile', envName: 'prod-env' })
    const unknown = await post({ action: 'functions.invokeFunction', envName: t.cloud.envId })
    expect(otherEnv).toMatchObject({ code: 'INVALID_ENV', requestId: expect.any(String) })
    expect(unknown).toMatchObject({ code: 'INVALID_ACTION', requestId: expect.any(String) })
  })
})
