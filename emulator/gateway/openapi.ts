// The `wx.openApi` action: the cloud call `cloud.openapi.ocr.printedText(...)` arrives as a protobuf list
// of key/value pairs (values JSON-encoded, except media, which comes as raw bytes with a filename) and goes
// back as a CommOpenApiResp whose respData is the platform's JSON reply.
import { GATEWAY_ERROR_CODES, tcbError } from './errors'
import type { ActionHandler, GatewayReply } from './wire'
import { findPart } from '../server/multipart'
import type { OcrMedia, OcrService } from '../ocr-service/service'
import type { PermissionBook } from './permissions'
import { decodeOpenApiRequest, WireDecodeError, type OpenApiPair } from './wire-proto'

export const OCR_API_NAME = 'ocr.printedText'
const JSON_CONTENT_TYPE = 'application/json; encoding=utf-8'

/** The first bytes of a reply that an injected "malformed body" fault sends: JSON cut short. */
export const MALFORMED_JSON = '{"errcode":0,"errmsg":"ok","items":[{"text":'

function mediaFromPairs(pairs: readonly OpenApiPair[]): OcrMedia {
  const img = pairs.find((pair) => pair.key === 'img')
  if (img !== undefined && img.value.length > 0) return { kind: 'bytes', bytes: img.value }
  const imgUrl = pairs.find((pair) => pair.key === 'img_url')
  if (imgUrl === undefined) return { kind: 'none' }
  let url: unknown
  try {
    url = JSON.parse(imgUrl.value.toString('utf8'))
  } catch {
    url = undefined
  }
  // A value that is no JSON string cannot be a URL: the platform answers "invalid image url".
  return { kind: 'url', url: typeof url === 'string' ? url : '' }
}

function gatewayError(errorCode: number): GatewayReply {
  return { kind: 'openapi', response: { errorCode } }
}

export function openApiAction(ocr: OcrService, permissions: PermissionBook): ActionHandler {
  return async (request, context) => {
    if (request.wire !== 'multipart') {
      return { kind: 'tcb-error', body: tcbError('INVALID_PARAM', 'wx.openApi must be multipart') }
    }
    const apiName = findPart(request.parts, 'apiName')?.data.toString('utf8')
    const requestData = findPart(request.parts, 'requestData')?.data
    if (apiName === undefined || requestData === undefined) {
      const body = tcbError('INVALID_PARAM', 'wx.openApi needs apiName and requestData')
      return { kind: 'tcb-error', body }
    }
    context.record.apiName = apiName
    if (apiName !== OCR_API_NAME) return gatewayError(GATEWAY_ERROR_CODES.apiNotFound)
    if (!(await permissions.allows(context.functionName, apiName))) {
      return gatewayError(GATEWAY_ERROR_CODES.noPermission)
    }
    let pairs: OpenApiPair[]
    try {
      pairs = decodeOpenApiRequest(requestData).pairs
    } catch (error) {
      if (!(error instanceof WireDecodeError)) throw error
      return { kind: 'tcb-error', body: tcbError('INVALID_PARAM', error.message) }
    }
    const outcome = await ocr.recognize('gateway', mediaFromPairs(pairs))
    switch (outcome.kind) {
      case 'reply':
        return {
          kind: 'openapi',
          response: {
            respData: Buffer.from(JSON.stringify(outcome.reply)),
            contentType: JSON_CONTENT_TYPE,
            httpCode: 200,
          },
        }
      case 'malformed-body':
        return {
          kind: 'openapi',
          response: { respData: Buffer.from(MALFORMED_JSON), contentType: JSON_CONTENT_TYPE },
        }
      case 'empty-body':
      case 'drop-connection':
        return { kind: outcome.kind }
    }
  }
}
