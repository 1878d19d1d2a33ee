// Structured log lines on stderr: the emulator's own trouble (an engine crash) must be visible, never
// swallowed, and a line per event keeps it greppable in CI logs.

export type LogLevel = 'info' | 'warn' | 'error'

export interface Logger {
  (level: LogLevel, message: string, fields?: Record<string, unknown>): void
}

export const stderrLogger: Logger = (level, message, fields) => {
  process.stderr.write(`${JSON.stringify({ level, source: 'localcloud', message, ...fields })}\n`)
}

export function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error)
}
