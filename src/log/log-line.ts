// One structured JSON line per call: enough to count, debug and bill, never the image, a token or the
// recognized text.

export interface CallLogLine {
  requestId: string
  source: 'fileID' | 'imgUrl' | 'img' | 'invalid'
  bytes: number | undefined
  /** The image's dimensions from its header, when the bytes were checked here. */
  imgSize?: { w: number; h: number }
  /** Platform calls made (retries included); `retries` is attempts - 1, 0 when none were made. */
  attempts: number
  retries?: number
  /**
   * hit: served from the cache; shared: waited for a concurrent call for the same image; miss: this
   * call recognized it; off: not cacheable (URL, cache off, bad input); error: the database failed;
   * wait-timeout: a concurrent call for the same image took longer than this call could wait.
   */
  cache?: 'hit' | 'shared' | 'miss' | 'off' | 'error' | 'wait-timeout'
  /** Database operations that failed ("cache.acquire: -502005"); recognition went on without them. */
  storeErrors?: string[]
  durationMs: number
  outcome: 'ok' | string
  lines?: number
  deleted?: boolean
}

export type LogSink = (line: CallLogLine) => void

/** Cloud function logs collect stdout line by line; one JSON object per line keeps them queryable. */
export const stdoutSink: LogSink = (line) => {
  process.stdout.write(`${JSON.stringify({ level: 'info', msg: 'ocrPrintedText', ...line })}\n`)
}
