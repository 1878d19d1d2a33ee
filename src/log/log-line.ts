// One structured JSON line per call: enough to count, debug and bill, never the image, a token or the
// recognized text.

export interface CallLogLine {
  requestId: string
  source: 'fileID' | 'imgUrl' | 'img' | 'invalid'
  bytes: number | undefined
  attempts: number
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
