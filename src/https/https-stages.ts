// The HTTPS client's stages of the recognition pipeline: the input parsed and its bytes checked (the
// image comes with the call: there is nothing to fetch), the guard keyed on the bytes and the caller's
// key, and the HTTPS transport.
import type { PipelineStages } from '../pipeline/run-pipeline'
import type { HttpsTransport } from './https-transport'
import type { RecognizeLogLine } from './log-line'
import {
  parseRecognizeInput,
  prepareMedia,
  type OcrMedia,
  type ParsedInput,
} from './recognize-input'

export interface PreparedMedia {
  ok: true
  media: OcrMedia
}

export interface HttpsCall {
  transport: HttpsTransport
  signal: AbortSignal | undefined
  callerKey: string | undefined
}

export function httpsStages({
  transport,
  signal,
  callerKey,
}: HttpsCall): PipelineStages<ParsedInput, PreparedMedia, RecognizeLogLine> {
  return {
    parse(input) {
      // Bad input is refused here or in resolve, before it queues for a slot, asks for a token or
      // spends a call.
      const parsed = parseRecognizeInput(input)
      if (!parsed.ok) return { value: parsed, telemetry: {} }
      const telemetry: Partial<RecognizeLogLine> =
        parsed.kind === 'img'
          ? { source: 'img', bytes: parsed.bytes.length }
          : { source: 'imgUrl', bytes: undefined }
      return { value: parsed, telemetry }
    },
    async resolve(parsed) {
      const prepared = await prepareMedia(parsed)
      if (!prepared.ok || prepared.media.kind === 'imgUrl')
        return { value: prepared, telemetry: {} }
      const { width, height } = prepared.media
      return { value: prepared, telemetry: { imgSize: { w: width, h: height } } }
    },
    subject(_source, { media }) {
      return media.kind === 'img'
        ? { imgUrl: undefined, bytes: media.bytes, callerKey }
        : { imgUrl: media.imgUrl, bytes: undefined, callerKey }
    },
    transport: ({ media }) => transport(media, signal),
  }
}
