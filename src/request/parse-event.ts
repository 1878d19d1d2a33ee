import { OcrEventSchema, toImageSource, type ImageSource } from './event-schema'
import { failure } from '../errors/failure'
import type { OcrFailure } from '../reply/schema'

export type ParsedEvent = { ok: true; source: ImageSource } | OcrFailure

/** Parses an untrusted event; never throws. The failure lists every problem, with its path. */
export function parseOcrEvent(event: unknown): ParsedEvent {
  const parsed = OcrEventSchema.safeParse(event)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      if (issue.code === 'unrecognized_keys') return `unknown key(s): ${issue.keys.join(', ')}`
      const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : ''
      return `${where}${issue.message}`
    })
    return failure('INVALID_REQUEST', { message: `Invalid request: ${problems.join('; ')}` })
  }
  return { ok: true, source: toImageSource(parsed.data) }
}
