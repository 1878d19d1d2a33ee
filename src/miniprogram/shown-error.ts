// What the page shows for a failure, and what the developer's console gets: the function's typed error as
// it came, a failure of the cloud platform around the call (cloud-failures.ts), or one of the few
// failures that happen on the phone (picker, privacy, compression, upload, copy, configuration). The user
// sees only userMessage; message, hint, errCode and requestId go to console.error (report.ts).
import type { CloudFailureCode } from './cloud-failure-table'
import type { ErrorCode, OcrError } from './core-types'

interface LocalEntry {
  retryable: boolean
  userMessage: string
  /** For the developer: what to do about it. */
  hint: string
}

/** Failures that never reach the function, so the core's catalog cannot name them. */
export const LOCAL_ERRORS = {
  CHOOSE_FAILED: {
    retryable: false,
    userMessage: '无法打开相册或相机，请在设置中允许访问后再试。',
    hint: 'wx.chooseMedia failed for a reason other than privacy: usually the camera or album permission was refused (scope.camera, or the phone settings).',
  },
  PRIVACY_DENIED: {
    retryable: false,
    userMessage: '你未同意隐私保护指引，暂时无法使用该功能。再次操作并点击“同意”即可继续。',
    hint: 'The user declined the privacy authorization ("privacy permission is not authorized", errno 104). Nothing to fix: the agree popup shows again on the next try.',
  },
  PRIVACY_NOT_DECLARED: {
    retryable: false,
    userMessage: '该功能暂不可用，请稍后再试。',
    hint: 'The API is not declared in the admin console ("api scope is not declared in the privacy agreement", errno 112): mp.weixin.qq.com -> 设置 -> 服务内容声明 -> 用户隐私保护指引, declare 选中的照片或视频信息 (wx.chooseMedia) and 剪切板 (wx.setClipboardData).',
  },
  COMPRESS_FAILED: {
    retryable: false,
    userMessage: '图片处理失败，请换一张图片。',
    hint: 'wx.compressImage, wx.getImageInfo or getFileInfo failed on the chosen photo.',
  },
  TOO_LARGE_AFTER_COMPRESSION: {
    retryable: false,
    userMessage: '图片压缩后仍超过 2MB，请裁剪后或换一张图片再试。',
    hint: 'Every step of the compress policy left the photo at 2 MB or more.',
  },
  UPLOAD_FAILED: {
    retryable: true,
    userMessage: '图片上传失败，请检查网络后重试。',
    hint: 'wx.cloud.uploadFile failed: network, or storage rules that refuse the upload path.',
  },
  CALL_FAILED: {
    retryable: true,
    userMessage: '网络异常，暂时连不上识别服务，请重试。',
    hint: 'wx.cloud.callFunction failed without a known platform code: usually the network.',
  },
  BAD_REPLY: {
    retryable: false,
    userMessage: '识别服务返回了无法理解的结果，请稍后再试。',
    hint: 'The function answered something that is not an OCR reply: is the deployed function the one this package ships (`npx wx-ocr-printed-text init`)?',
  },
  COPY_FAILED: {
    retryable: false,
    userMessage: '复制失败，请稍后再试。',
    hint: 'wx.setClipboardData failed.',
  },
  ENV_NOT_CONFIGURED: {
    retryable: false,
    userMessage: '小程序尚未配置云开发环境，暂时无法识别。',
    hint: 'The env id is still a placeholder: set your environment id (云开发控制台 -> 设置 -> 环境 ID).',
  },
  UNEXPECTED: {
    retryable: false,
    userMessage: '出现意外错误，请稍后再试。',
    hint: 'A bug in the mini program: the message says where.',
  },
} as const satisfies Record<string, LocalEntry>

export type LocalErrorCode = keyof typeof LOCAL_ERRORS

export interface ShownError {
  code: ErrorCode | LocalErrorCode | CloudFailureCode
  userMessage: string
  retryable: boolean
  /** For the developer console: the function's message or wx's errMsg, never shown. */
  message: string
  hint?: string
  /** The platform's or WeChat's numeric code, when there was one. */
  errCode?: number
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
    hint: error.hint,
  }
  if (error.errCode !== undefined) shown.errCode = error.errCode
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
