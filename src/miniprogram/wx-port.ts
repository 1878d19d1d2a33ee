// The slice of `wx` the flow uses, typed narrowly. The API takes the real `wx` (global-wx.ts) unless a
// test hands in another; so the flow runs anywhere and is checked without miniprogram-api-typings.

export interface WxError {
  errMsg: string
}

export interface ChosenFile {
  tempFilePath: string
  size: number
  /** Documented for videos; images may come without it, so the flow falls back to getImageInfo. */
  width?: number
  height?: number
}

export type PhotoSource = 'album' | 'camera'

export interface ChooseMediaOptions {
  count: number
  mediaType: 'image'[]
  sourceType: PhotoSource[]
  sizeType: ('original' | 'compressed')[]
}

export interface CompressOptions {
  src: string
  quality: number
  /** Base library 2.26.0; iOS has been reported to ignore it, and re-encodes only JPEG. */
  compressedWidth?: number
}

export interface FileInfoOptions {
  filePath: string
  success: (result: { size: number }) => void
  fail: (error: WxError) => void
}

/** `config.env` picks the environment per call (wx.cloud's own option); absent, wx.cloud.init's env. */
export interface CloudCallConfig {
  config?: { env: string }
}

/** wx.cloud, or an instance of wx.cloud.Cloud: both answer these two calls the same way. */
export interface WxCloudPort {
  uploadFile(
    options: { cloudPath: string; filePath: string } & CloudCallConfig,
  ): Promise<{ fileID: string }>
  callFunction(
    options: { name: string; data: Record<string, unknown> } & CloudCallConfig,
  ): Promise<{ result?: unknown }>
}

/** What the flow draws an image with: an offscreen 2D canvas's image. */
export interface CanvasImage {
  src: string
  onload: (() => void) | null
  onerror: ((error: unknown) => void) | null
}

export interface OffscreenCanvas2D {
  width: number
  height: number
  createImage(): CanvasImage
  getContext(type: '2d'): {
    drawImage(image: CanvasImage, x: number, y: number, width: number, height: number): void
  }
}

export interface CanvasExportOptions {
  canvas: OffscreenCanvas2D
  fileType: 'jpg'
  /** 0-1 for canvasToTempFilePath, unlike compressImage's 0-100. */
  quality: number
}

export interface WxPort {
  chooseMedia(options: ChooseMediaOptions): Promise<{ tempFiles: ChosenFile[] }>
  compressImage(options: CompressOptions): Promise<{ tempFilePath: string }>
  getImageInfo(options: { src: string }): Promise<{ width: number; height: number }>
  getFileSystemManager(): { getFileInfo(options: FileInfoOptions): void }
  /** Base library 2.16.1 for `type: '2d'`; absent on older ones, and the canvas fallback is skipped. */
  createOffscreenCanvas?(options: { type: '2d'; width: number; height: number }): OffscreenCanvas2D
  canvasToTempFilePath(options: CanvasExportOptions): Promise<{ tempFilePath: string }>
  cloud: WxCloudPort
}

/** wx rejects with `{ errMsg }` objects, not Errors; anything else is reported by its string form. */
export function errMsgOf(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'errMsg' in error) {
    const { errMsg } = error as { errMsg: unknown }
    if (typeof errMsg === 'string') return errMsg
  }
  if (error instanceof Error) return error.message
  return String(error)
}
