// The cloud function's stages of the recognition pipeline: the event parsed, the image taken from the
// URL, the event's bytes or cloud storage (with the file-access rule and deleteAfter), and the platform
// call through wx-server-sdk with its retries fitted into the invocation's time limit.
import type { CallLogLine } from '../log/log-line'
import type { PipelineStages } from '../pipeline/run-pipeline'
import { parseOcrEvent } from '../parse/parse-event'
import type { ImageSource } from '../parse/event-schema'
import type { RetryQuota } from '../retry/retry-quota'
import type { RetryClock } from '../clock/clock'
import type { CloudPort, WxContext } from '../transport/cloud-port'
import type { HandlerConfig } from './config'
import { fitTo } from './deadline'
import { recognizeWithRetry } from '../transport/cloud-recognize'
import { resolveImage, type ResolvedImage } from '../source/resolve-image'

export interface CloudSource {
  ok: true
  source: ImageSource
  /** Read once per invocation, after the event is valid: the runtime sets it for each call. */
  caller: WxContext
}

export interface CloudInvocation {
  port: CloudPort
  config: HandlerConfig
  clock: RetryClock
  retryQuota: RetryQuota
  /** When the retries must end (from the runtime's time limit), if it gave one. */
  retryBy: number | undefined
}

export function cloudStages({
  port,
  config,
  clock,
  retryQuota,
  retryBy,
}: CloudInvocation): PipelineStages<CloudSource, ResolvedImage, CallLogLine> {
  return {
    parse(event) {
      const parsed = parseOcrEvent(event)
      if (!parsed.ok) return { value: parsed, telemetry: {} }
      const { source } = parsed
      return {
        value: { ok: true, source, caller: port.wxContext() },
        telemetry: { source: source.kind },
      }
    },
    async resolve({ source, caller }) {
      const { image, fileRead } = await resolveImage(source, port, caller, config)
      // Once the file was read, deleteAfter holds whatever came of it: a refused or failed image too.
      const cleanup =
        fileRead && source.kind === 'fileID' && source.deleteAfter
          ? async () => ({ deleted: await deleteQuietly(port, source.fileID) })
          : undefined
      if (!image.ok) return { value: image, telemetry: {}, cleanup }
      const { dimensions } = image
      const imgSize = dimensions && { imgSize: { w: dimensions.width, h: dimensions.height } }
      return { value: image, telemetry: { bytes: image.bytes?.length, ...imgSize }, cleanup }
    },
    subject({ source, caller }, image) {
      const imgUrl = source.kind === 'imgUrl' ? source.imgUrl : undefined
      return { imgUrl, bytes: image.bytes, callerKey: caller.OPENID }
    },
    async transport(image) {
      const policy = fitTo(config.retryPolicy, retryBy, clock)
      const { value, attempts } = await recognizeWithRetry(
        port,
        image.request,
        policy,
        retryQuota,
        clock,
      )
      return { value, attempts, telemetry: { attempts } }
    },
  }
}

/** Deleting is housekeeping: its failure is logged, never turned into a failed recognition. */
async function deleteQuietly(port: CloudPort, fileID: string): Promise<boolean> {
  try {
    await port.deleteFile(fileID)
    return true
  } catch {
    return false
  }
}
