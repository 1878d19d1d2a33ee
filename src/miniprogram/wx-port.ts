// The slice of `wx` the flow uses, typed narrowly. The page hands in the real `wx` (which the compiler
// checks is assignable to this), tests hand in mocks; so the flow runs anywhere and never touches a global.

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

export interface ChooseMediaOptions {
  count: number
  mediaType: 'image'[]
  sourceType: ('album' | 'camera')[]
  sizeType: ('original' | 'compressed')[]
}

export interface CompressOptions {
  src: string
  quality: number
  compressedWidth?: number
}

export interface FileInfoOptions {
  filePath: string
  success: (result: { size: number }) => void
  fail: (error: WxError) => void
}

export interface WxCloudPort {
  uploadFile(options: { cloudPath: string; filePath: string }): Promise<{ fileID: string }>
  callFunction(options: {
    name: string
    data: Record<string, unknown>
  }): Promise<{ result?: unknown }>
}

export interface WxPort {
  chooseMedia(options: ChooseMediaOptions): Promise<{ tempFiles: ChosenFile[] }>
  compressImage(options: CompressOptions): Promise<{ tempFilePath: string }>
  getImageInfo(options: { src: string }): Promise<{ width: number; height: number }>
  getFileSystemManager(): { getFileInfo(options: FileInfoOptions): void }
  getStorageSync(key: string): unknown
  setStorageSync(key: string, value: string): void
  removeStorageSync(key: string): void
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
