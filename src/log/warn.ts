// What a container says once, not per call (an unusable setting, a time limit under 20 s): one JSON line
// on stderr each, where the function's log shows it as a warning.

export type WarnSink = (line: Record<string, unknown>) => void

export const stderrWarn: WarnSink = (line) => {
  process.stderr.write(`${JSON.stringify({ level: 'warn', ...line })}\n`)
}
