// Turns img.value, as it arrives in an event, into bytes: a Buffer (a call from another function in the
// same process), a serialized Buffer ({type:'Buffer',data}) after callFunction's JSON, or a base64 string
// or data URI (what a person pastes into the cloud console's test panel).
import type { ImgInput } from '../parse/event-schema'
import { failure } from '../errors/failure'
import type { OcrFailure } from '../reply/schema'

const DATA_URI = /^data:([\w.+-]+\/[\w.+-]+)?(;[\w-]+=[^;,]*)*;base64,/i
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/
const BASE64_URL = /^[A-Za-z0-9_-]*={0,2}$/

export function decodeImgValue(value: ImgInput['value']): { ok: true; bytes: Buffer } | OcrFailure {
  if (Buffer.isBuffer(value)) return { ok: true, bytes: value }
  if (value instanceof Uint8Array) return { ok: true, bytes: Buffer.from(value) }
  if (typeof value === 'object') return { ok: true, bytes: Buffer.from(value.data) }
  const payload = value.replace(DATA_URI, '').replace(/\s+/g, '')
  const standard = BASE64.test(payload)
  if ((!standard && !BASE64_URL.test(payload)) || payload.length % 4 === 1) {
    return failure('INVALID_REQUEST', {
      message: 'img.value is a string but not base64 or a base64 data URI.',
    })
  }
  return { ok: true, bytes: Buffer.from(payload, standard ? 'base64' : 'base64url') }
}
