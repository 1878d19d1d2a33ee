// The HTTPS client's stages of the recognition pipeline: the input parsed and its bytes checked (the
// image comes with the call: there is nothing to fetch), the guard keyed on the bytes and the caller's
// key, and the HTTPS transport.
import type { PipelineStages } from '../pipeline/run-pipeline'
import type { HttpsTransport } from './https-transport'
import type { RecognizeLogLine } from './log-line'
import { prepareMedia, type OcrMedia } from './recognize-input'

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
}: HttpsCall): PipelineStages<PreparedMedia, PreparedMedia, RecognizeLogLine> {
  return {
    parse(input) {
      // Bad input is refused here, before it queues for a slot, asks for a token or spends a call.
      const prepared = prepareMedia(input)
      if (!prepared.ok) return { value: prepared, telemetry: {} }
      const { media } = prepared
      const telemetry: Partial<RecognizeLogLine> =
        media.kind === 'img'
          ? {
              source: 'img',
              bytes: media.bytes.length,
              imgSize: { w: media.width, h: media.height },
            }
          : { source: 'imgUrl', bytes: undefined }
      return { value: prepared, telemetry }
    },
    async resolve(prepared) {
      return { value: prepared, telemetry: {} }
    },
    subject(_source, { media }) {
      return media.kind === 'img'
        ? { imgUrl: undefined, bytes: media.bytes, callerKey }
        : { imgUrl: media.imgUrl, bytes: undefined, callerKey }
    },
    transport: ({ media }) => transport(media, signal),
  }
}
