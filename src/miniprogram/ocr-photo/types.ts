// What a TypeScript page sees of <ocr-photo> (built to miniprogram_dist/ocr-photo/index.d.ts).
import type { PhotoSuccess, ShownError, WxCloudPort } from '../index'

/** The tag's attributes (function-name, env, src, reply in WXML). */
export interface OcrPhotoProperties {
  /** The cloud function's name. Default `ocrPrintedText`. */
  functionName?: string
  /** An env id; default the one wx.cloud.init chose. */
  env?: string
  /** With `reply`: a photo and the reply the page got by itself, shown as is. */
  src?: string
  reply?: PhotoSuccess | null
}

/** `bind:result`'s event.detail: the reply, with the photo it was read from. */
export type OcrPhotoResultDetail = PhotoSuccess

/** `bind:error`'s event.detail: show its `userMessage`, log the rest (the component already did). */
export type OcrPhotoErrorDetail = ShownError

/** What `this.selectComponent('#ocr')` gives a page. */
export interface OcrPhotoInstance {
  /** An instance of wx.cloud.Cloud, already init()ed, for apps that use several environments. */
  useCloud(cloud: WxCloudPort): void
}

/** The external classes the tag accepts (ocr-class="my-class"). */
export type OcrPhotoExternalClass =
  'ocr-class' | 'ocr-button-class' | 'ocr-box-class' | 'ocr-line-class'
