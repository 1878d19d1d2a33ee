// Replies as the cloud function sends them, typed by the core's schema types so they cannot drift.
import type { ErrorCode, OcrFailure, OcrSuccess } from '../../../src/miniprogram/core-types'

/** A 1000 x 2000 upload with two lines, the second tilted. */
export const SUCCESS_REPLY: OcrSuccess = {
  ok: true,
  imgSize: { w: 1000, h: 2000 },
  items: [
    {
      text: '第一行文字',
      pos: {
        leftTop: { x: 100, y: 200 },
        rightTop: { x: 700, y: 200 },
        rightBottom: { x: 700, y: 300 },
        leftBottom: { x: 100, y: 300 },
      },
    },
    {
      text: 'Second line',
      pos: {
        leftTop: { x: 120, y: 420 },
        rightTop: { x: 820, y: 400 },
        rightBottom: { x: 830, y: 500 },
        leftBottom: { x: 130, y: 520 },
      },
    },
  ],
  text: '第一行文字\nSecond line',
}

export function failureReply(
  code: ErrorCode,
  entry: { userMessage: string; retryable: boolean; message: string; hint: string },
): OcrFailure {
  return {
    ok: false,
    error: {
      code,
      message: entry.message,
      userMessage: entry.userMessage,
      retryable: entry.retryable,
      hint: entry.hint,
      requestId: 'req-1',
    },
  }
}

export const UPLOAD_PREFIX = 'ocr-uploads/oUser123/'
