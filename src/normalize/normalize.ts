// One normalizer for every shape the platform answers in: the SDK's camelCase success, the HTTPS API's
// snake_case JSON, the SDK's thrown CloudSDKError (own keys errCode/errMsg), a Node socket error, and the
// odd ones (an empty body, a string that is not JSON). It never throws and never mutates its input; an
// empty or malformed reply is an error, never a success with garbage.
import { failure } from '../errors/failure'
import { readIncomingError } from '../errors/incoming'
import { incomingFailure } from '../errors/incoming-failure'
import type { OcrItem, OcrReply, Point, Quad } from '../reply/schema'
import { isBag, pick } from './platform-keys'
import { joinRows, readingRows } from './reading-order'

export interface NormalizeOptions {
  requestId?: string
}

function readPoint(value: unknown): Point | undefined {
  if (!isBag(value)) return undefined
  const { x, y } = value
  return typeof x === 'number' && typeof y === 'number' && Number.isFinite(x) && Number.isFinite(y)
    ? { x, y }
    : undefined
}

function readQuad(value: unknown): Quad | undefined {
  if (!isBag(value)) return undefined
  const leftTop = readPoint(pick(value, 'leftTop', 'left_top'))
  const rightTop = readPoint(pick(value, 'rightTop', 'right_top'))
  const rightBottom = readPoint(pick(value, 'rightBottom', 'right_bottom'))
  const leftBottom = readPoint(pick(value, 'leftBottom', 'left_bottom'))
  if (!leftTop || !rightTop || !rightBottom || !leftBottom) return undefined
  return { leftTop, rightTop, rightBottom, leftBottom }
}

function readItems(value: unknown): OcrItem[] | string {
  if (!Array.isArray(value)) return 'items is missing or not an array'
  const items: OcrItem[] = []
  for (const [index, raw] of value.entries()) {
    if (!isBag(raw) || typeof raw.text !== 'string') return `items[${index}].text is not a string`
    const pos = readQuad(raw.pos)
    if (!pos) return `items[${index}].pos does not have four {x, y} corners`
    items.push({ text: raw.text, pos })
  }
  return items
}

function readSize(value: unknown): { w: number; h: number } | undefined {
  if (!isBag(value)) return undefined
  const { w, h } = value
  return typeof w === 'number' && typeof h === 'number' && w > 0 && h > 0 ? { w, h } : undefined
}

function fromString(raw: string, options: NormalizeOptions): OcrReply {
  try {
    return normalizePrintedText(JSON.parse(raw) as unknown, options)
  } catch {
    return failure('UPSTREAM_ERROR', {
      message: `The platform's reply is not JSON (${raw.length} characters).`,
      ...options,
    })
  }
}

export function normalizePrintedText(raw: unknown, options: NormalizeOptions = {}): OcrReply {
  if (typeof raw === 'string') return fromString(raw, options)
  if (!isBag(raw)) {
    return failure('UPSTREAM_ERROR', { message: 'The platform gave an empty reply.', ...options })
  }
  const incoming = readIncomingError(raw)
  if ((incoming.errCode !== undefined && incoming.errCode !== 0) || raw instanceof Error) {
    return incomingFailure(incoming, { lead: 'ocr.printedText failed', ...options })
  }
  const items = readItems(raw.items)
  const imgSize = readSize(pick(raw, 'imgSize', 'img_size'))
  if (typeof items === 'string' || !imgSize) {
    // The SDK answers an empty body as {contentType:'', buffer:<empty>, errCode:0}.
    const why = typeof items === 'string' ? items : 'imgSize is missing or not {w, h}'
    return failure('UPSTREAM_ERROR', {
      message: `The platform's reply is empty or malformed: ${why}.`,
      ...options,
    })
  }
  const rows = readingRows(items)
  return { ok: true, items: rows.flat(), imgSize, text: joinRows(rows) }
}
