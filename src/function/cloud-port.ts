// What the handler needs from the cloud, and nothing more. The real implementation wraps wx-server-sdk
// (transport/cloud.ts); tests give the handler the same port wired to the real SDK against the emulator.

export type PrintedTextRequest =
  { imgUrl: string } | { img: { contentType: string; value: Buffer } }

export interface WxContext {
  OPENID?: string
  APPID?: string
  ENV?: string
}

export interface CloudPort {
  /** Resolves with the SDK's reply or rejects with what the SDK threw; the handler normalizes both. */
  printedText(request: PrintedTextRequest): Promise<unknown>
  /** Resolves with the file's bytes; rejects with the SDK's error (code STORAGE_FILE_NONEXIST if missing). */
  downloadFile(fileID: string): Promise<Buffer>
  deleteFile(fileID: string): Promise<void>
  /** Read per invocation: the runtime sets the caller's identity in the environment for each call. */
  wxContext(): WxContext
}
