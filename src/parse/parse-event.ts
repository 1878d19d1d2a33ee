import * as z from 'zod'

import { OcrEventSchema, toImageSource, type ImageSource } from './event-schema'
import { failure } from '../errors/failure'
import type { OcrFailure } from '../reply/schema'

export type ParsedEvent = { ok: true; source: ImageSource } | OcrFailure

/**
 * Parses an untrusted event; never throws. The failure's message is zod's own account of every problem,
 * each with its path, and zod's error stays as its cause.
 */
export function parseOcrEvent(event: unknown): ParsedEvent {
  const parsed = OcrEventSchema.safeParse(event)
  if (!parsed.success) {
    return failure('INVALID_REQUEST', {
      message: `Invalid request:\n${z.prettifyError(parsed.error)}`,
      cause: parsed.error,
    })
  }
  return { ok: true, source: toImageSource(parsed.data) }
}
