// The protobuf messages of the wx.openApi wire between wx-server-sdk and the cloud gateway, declared from the
// field numbers the SDK itself uses (FACTS.md), so that a change on either side shows up as a failing test.
import { parse } from 'protobufjs'

const PROTO = `
syntax = "proto3";
message KeyValuePair { string key = 1; bytes value = 2; string contenttype = 3; string filename = 4; }
message OpenApiData { repeated KeyValuePair pairs = 1; }
message CommApiData {
  enum ApiType { OPEN_API = 0; INNER_API = 1; SVRKIT_API = 2; TOKEN_API = 3; }
  ApiType apiType = 1; OpenApiData openapiData = 2; bytes innerData = 3; bytes svrkitData = 4;
  bytes tokenData = 5; string appid = 6;
}
message HttpHeader { string key = 1; string value = 2; }
message CommOpenApiResp {
  bytes respData = 1; string contentType = 2; int32 errorCode = 3; uint32 httpCode = 4;
  repeated HttpHeader headers = 5; int32 svrkitErrorCode = 6;
}
`

const root = parse(PROTO, { keepCase: true }).root
const CommApiData = root.lookupType('CommApiData')
const CommOpenApiResp = root.lookupType('CommOpenApiResp')

export interface OpenApiPair {
  key: string
  value: Buffer
  contenttype: string
  filename: string
}

export interface OpenApiRequest {
  apiType: number
  appid: string
  pairs: OpenApiPair[]
}

export interface OpenApiResponse {
  respData?: Buffer
  contentType?: string
  errorCode?: number
  httpCode?: number
}

export class WireDecodeError extends Error {
  override readonly name = 'WireDecodeError'
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {}
}

function toPair(raw: unknown): OpenApiPair {
  const pair = asRecord(raw)
  const value = pair['value']
  return {
    key: typeof pair['key'] === 'string' ? pair['key'] : '',
    value: value instanceof Uint8Array ? Buffer.from(value) : Buffer.alloc(0),
    contenttype: typeof pair['contenttype'] === 'string' ? pair['contenttype'] : '',
    filename: typeof pair['filename'] === 'string' ? pair['filename'] : '',
  }
}

/** Decodes the `requestData` field of a wx.openApi call. Throws WireDecodeError on bad bytes. */
export function decodeOpenApiRequest(bytes: Buffer): OpenApiRequest {
  let object: Record<string, unknown>
  try {
    object = asRecord(
      CommApiData.toObject(CommApiData.decode(bytes), { defaults: true, enums: Number }),
    )
  } catch (error) {
    throw new WireDecodeError(`requestData is no CommApiData message: ${String(error)}`)
  }
  const pairs = asRecord(object['openapiData'])['pairs']
  return {
    apiType: typeof object['apiType'] === 'number' ? object['apiType'] : 0,
    appid: typeof object['appid'] === 'string' ? object['appid'] : '',
    pairs: Array.isArray(pairs) ? pairs.map(toPair) : [],
  }
}

/** Encodes the gateway's answer to a wx.openApi call. */
export function encodeOpenApiResponse(response: OpenApiResponse): Buffer {
  return Buffer.from(CommOpenApiResp.encode(CommOpenApiResp.fromObject(response)).finish())
}

/** Encodes a request the way wx-server-sdk does: for tests and tools that speak the wire directly. */
export function encodeOpenApiRequest(pairs: readonly Partial<OpenApiPair>[], appid = ''): Buffer {
  const message = CommApiData.fromObject({ apiType: 0, openapiData: { pairs }, appid })
  return Buffer.from(CommApiData.encode(message).finish())
}

/** Decodes a gateway answer: for tests that check the wire without the SDK. */
export function decodeOpenApiResponse(bytes: Buffer): Required<OpenApiResponse> {
  const object = asRecord(
    CommOpenApiResp.toObject(CommOpenApiResp.decode(bytes), { defaults: true }),
  )
  const respData = object['respData']
  return {
    respData: respData instanceof Uint8Array ? Buffer.from(respData) : Buffer.alloc(0),
    contentType: typeof object['contentType'] === 'string' ? object['contentType'] : '',
    errorCode: typeof object['errorCode'] === 'number' ? object['errorCode'] : 0,
    httpCode: typeof object['httpCode'] === 'number' ? object['httpCode'] : 0,
  }
}
