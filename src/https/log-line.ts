// The client's structured log lines: one per recognize() and one per token fetch. Counts and outcomes
// only: never a token, a secret, the image, the image URL (it may be signed) or the recognized text.
import type { CallLogLine } from '../log/log-line'

export interface RecognizeLogLine extends Omit<CallLogLine, 'source'> {
  event: 'recognize'
  source: 'imgUrl' | 'img' | 'invalid'
  /** True when the platform refused a token and the call was repeated with a renewed one. */
  tokenRenewed: boolean
  /** How long the call waited for a free slot (maxConcurrency) before its first attempt. */
  queuedMs?: number
  /** True when a retryable failure was answered without retry: the process's retry quota was spent. */
  retryThrottled?: boolean
}

export interface TokenLogLine {
  event: 'access_token'
  via: 'stable_token' | 'getAccessToken'
  /** 'ok' or the catalog code of the failure. */
  outcome: string
  durationMs: number
}

export type PrintedTextLogLine = RecognizeLogLine | TokenLogLine
export type PrintedTextLogger = (line: PrintedTextLogLine) => void

/** A logger that throws must not turn a recognized image into a failure; Node reports it as a warning. */
export function safeLogger(logger: PrintedTextLogger | undefined): PrintedTextLogger {
  if (logger === undefined) return () => undefined
  return (line) => {
    try {
      logger(line)
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error)
      process.emitWarning(`printedText client: the logger threw: ${detail}`)
    }
  }
}
