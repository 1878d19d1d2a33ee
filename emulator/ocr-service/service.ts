// The platform's OCR call, shared by the gateway and the HTTPS endpoint once each has authenticated the
// caller and pulled the media out of its own wire: faults, quota, image rules, then the engine.
import { setTimeout as sleep } from 'node:timers/promises'

import type { DailyQuota } from './quota'
import type { FaultBoard, FaultTarget } from './faults'
import { downloadImage } from './image-url'
import { isUnderImageSizeLimit } from '../../src/checks/size-limit'
import { describeError, type Logger } from '../server/log'
import { imageContentType } from './image-type'
import { customWechatError, wechatError, type WechatErrorReply } from './wechat-errors'
import { ImageDecodeError, type EngineResult, type OcrEngine } from '../engine/types'

export type OcrMedia =
  { kind: 'bytes'; bytes: Buffer } | { kind: 'url'; url: string } | { kind: 'none' }

export type OcrSuccessReply = { errcode: 0; errmsg: 'ok' } & EngineResult
export type OcrReply = OcrSuccessReply | WechatErrorReply

/** What the transport must do: answer a reply, or misbehave as an injected fault says. */
export type OcrOutcome =
  | { kind: 'reply'; reply: OcrReply }
  | { kind: 'empty-body' }
  | { kind: 'malformed-body' }
  | { kind: 'drop-connection' }

export interface OcrServiceDeps {
  faults: FaultBoard
  quota: DailyQuota
  engine: () => Promise<OcrEngine>
  log: Logger
  /** Aborted when the local cloud stops, so no download or latency outlives it. */
  signal: AbortSignal
}

const reply = (body: OcrReply): OcrOutcome => ({ kind: 'reply', reply: body })

export class OcrService {
  constructor(private readonly deps: OcrServiceDeps) {}

  async recognize(target: FaultTarget, media: OcrMedia): Promise<OcrOutcome> {
    const { latencyMs, failure } = this.deps.faults.take(target)
    if (latencyMs > 0) await sleep(latencyMs, undefined, { signal: this.deps.signal })
    if (failure !== undefined) {
      if (failure.kind === 'errcode') {
        return reply(customWechatError(failure.errcode, failure.errmsg ?? 'system error'))
      }
      return { kind: failure.kind }
    }
    if (media.kind === 'none') return reply(wechatError('mediaMissing'))
    if (!this.deps.quota.tryConsume()) return reply(wechatError('dailyQuotaReached'))
    const image = await this.fetchMedia(media)
    if (!Buffer.isBuffer(image)) return reply(image)
    return reply(await this.runEngine(image))
  }

  private async fetchMedia(media: Exclude<OcrMedia, { kind: 'none' }>): Promise<Buffer | OcrReply> {
    if (media.kind === 'bytes') {
      return isUnderImageSizeLimit(media.bytes.length) ? media.bytes : wechatError('imageTooLarge')
    }
    const download = await downloadImage(media.url, this.deps.signal)
    if (!download.ok) {
      return download.reason === 'too-large'
        ? wechatError('imageTooLarge')
        : wechatError('invalidImageUrl')
    }
    // A URL that serves something other than an image is an invalid image url, as on the platform.
    if (imageContentType(download.bytes) === undefined) return wechatError('invalidImageUrl')
    return download.bytes
  }

  private async runEngine(image: Buffer): Promise<OcrReply> {
    let engine: OcrEngine
    try {
      engine = await this.deps.engine()
    } catch (error) {
      this.deps.log('error', 'OCR engine failed to load', { error: describeError(error) })
      return customWechatError(-1, `system error: local OCR engine failed to load`)
    }
    try {
      const result = await engine.recognize(image)
      return { errcode: 0, errmsg: 'ok', items: result.items, img_size: result.img_size }
    } catch (error) {
      if (error instanceof ImageDecodeError || isNamedDecodeError(error))
        return wechatError('decodeFailed')
      this.deps.log('error', 'OCR engine failed', {
        engine: engine.name,
        error: describeError(error),
      })
      return customWechatError(-1, 'system error: local OCR engine failed')
    }
  }
}

// An engine loaded through another module instance (a bundle, a dynamic import) has its own class object.
function isNamedDecodeError(error: unknown): boolean {
  return error instanceof Error && error.name === 'ImageDecodeError'
}
