// callFunction's `result` is whatever the function returned, typed as any by the SDK typings. Check its
// shape before trusting it: a function deployed from another version, or a platform error page, must
// become a clear BAD_REPLY rather than a crash deep in the page.
import type { OcrError, OcrReply, UploadPrefixReply } from './core-types'

type Json = Record<string, unknown>

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function isPoint(value: unknown): boolean {
  return isObject(value) && typeof value.x === 'number' && typeof value.y === 'number'
}

function isItem(value: unknown): boolean {
  if (!isObject(value) || typeof value.text !== 'string' || !isObject(value.pos)) return false
  const { pos } = value
  return (
    isPoint(pos.leftTop) &&
    isPoint(pos.rightTop) &&
    isPoint(pos.rightBottom) &&
    isPoint(pos.leftBottom)
  )
}

export function isOcrError(value: unknown): value is OcrError {
  return (
    isObject(value) &&
    typeof value.code === 'string' &&
    typeof value.userMessage === 'string' &&
    typeof value.message === 'string' &&
    typeof value.retryable === 'boolean'
  )
}

export function isOcrReply(value: unknown): value is OcrReply {
  if (!isObject(value)) return false
  if (value.ok === false) return isOcrError(value.error)
  const size = value.imgSize
  return (
    value.ok === true &&
    Array.isArray(value.items) &&
    value.items.every(isItem) &&
    typeof value.text === 'string' &&
    isObject(size) &&
    typeof size.w === 'number' &&
    typeof size.h === 'number' &&
    size.w > 0 &&
    size.h > 0
  )
}

export function isUploadPrefixReply(value: unknown): value is UploadPrefixReply {
  return isObject(value) && value.ok === true && typeof value.uploadPrefix === 'string'
}
