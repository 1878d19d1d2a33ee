// What the page shows for a failure: the function's typed error as it came, or one of the few failures
// that happen on the phone before or around the call (picker, compression, upload, the call itself).
import type { ErrorCode, OcrError } from '../types/core'

/** Failures that never reach the function, so the core's catalog cannot name them. */
export const LOCAL_ERRORS = {
  CHOOSE_FAILED: {
    retryable: false,
    userMessage: '无法打开相册或相机，请在设置中允许访问后再试。',
  },
  COMPRESS_FAILED: {
    retryable: false,
    userMessage: '图片处理失败，请换一张图片。',
  },
  TOO_LARGE_AFTER_COMPRESSION: {
    retryable: false,
    userMessage: '图片压缩后仍超过 2MB，请裁剪后或换一张图片再试。',
  },
  UPLOAD_FAILED: {
    retryable: true,
    userMessage: '图片上传失败，请检查网络后重试。',
  },
  CALL_FAILED: {
    retryable: true,
    userMessage: '网络异常，暂时连不上识别服务，请重试。',
  },
  BAD_REPLY: {
    retryable: false,
    userMessage: '识别服务返回了无法理解的结果，请稍后再试。',
  },
  UNEXPECTED: {
    retryable: false,
    userMessage: '出现意外错误，请稍后再试。',
  },
} as const satisfies Record<string, { retryable: boolean; userMessage: string }>

export type LocalErrorCode = keyof typeof LOCAL_ERRORS

export interface ShownError {
  code: ErrorCode | LocalErrorCode
  userMessage: string
  retryable: boolean
  /** For the developer console: the function's message or wx's errMsg. */
  message: string
  requestId?: string
}

export function localError(code: LocalErrorCode, message: string): ShownError {
  return { code, ...LOCAL_ERRORS[code], message }
}

export function fromOcrError(error: OcrError): ShownError {
  const shown: ShownError = {
    code: error.code,
    userMessage: error.userMessage,
    retryable: error.retryable,
    message: error.message,
  }
  if (error.requestId !== undefined) shown.requestId = error.requestId
  return shown
}

/** Thrown inside the flow to stop at the first failure; the flow turns it back into a value. */
export class FlowError extends Error {
  constructor(readonly shown: ShownError) {
    super(shown.message)
    this.name = 'FlowError'
  }
}
