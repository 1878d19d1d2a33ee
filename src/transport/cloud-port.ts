// What the handler needs from the cloud, and nothing more. The real implementation wraps wx-server-sdk
// (transport/cloud.ts); tests give the handler the same port wired to the real SDK against the emulator.

export type PrintedTextRequest =
  { imgUrl: string } | { img: { contentType: string; value: Buffer } }

export interface WxContext {
  /** The mini program user's OPENID, as the string it is (never "" : an empty one is absent). */
  OPENID?: string
  APPID?: string
  ENV?: string
  /** The call chain (wx_client, wx_devtools, wx_http, wx_unknown, scf, ...), comma-separated. */
  SOURCE?: string
}

/** A storage file read with a cap: its bytes, or how much it has at least when over the cap. */
export type DownloadedFile =
  | { kind: 'bytes'; bytes: Buffer }
  | { kind: 'too-large'; atLeastBytes: number }
  | { kind: 'missing' }

export interface CloudPort {
  /** Resolves with the SDK's reply or rejects with what the SDK threw; the handler normalizes both. */
  printedText(request: PrintedTextRequest): Promise<unknown>
  /** Reads at most maxBytes + 1 bytes of the file; rejects only on a transport or platform failure. */
  downloadFile(fileID: string, maxBytes: number): Promise<DownloadedFile>
  deleteFile(fileID: string): Promise<void>
  /** Read per invocation: the runtime sets the caller's identity in the environment for each call. */
  wxContext(): WxContext
}
