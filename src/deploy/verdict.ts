// What the output of `tcb fn deploy <name>` (@cloudbase/cli 2.12) says about whether the deploy happened.
// The CLI's exit code cannot be trusted either way: a failed deploy prints "[<name>] 函数部署失败" and
// exits 0, and a deploy that succeeded can still exit 1 (after "云函数部署成功！" it calls printSuccessTips
// without a logger, and the rejection that follows ends the process with 1). The printed lines decide.

export interface DeployVerdict {
  deployed: boolean
  /** One line: what happened, or the CLI's reason when nothing was deployed. */
  reason: string
}

// eslint-disable-next-line no-control-regex -- the CLI colours its output with ANSI escapes
const ANSI = /\u001b\[[0-9;]*[A-Za-z]/g

function linesOf(output: string): string[] {
  return output
    .replace(ANSI, '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
}

/** The first value printed after one of these labels, e.g. "✖   错误信息: Network error". */
function labelled(lines: string[], labels: string[]): string | undefined {
  for (const line of lines) {
    for (const label of labels) {
      const at = line.indexOf(label)
      if (at >= 0) {
        const value = line.slice(at + label.length).replace(/^[:：\s]+/, '')
        if (value !== '') return value
      }
    }
  }
  return undefined
}

export function judgeDeployOutput(
  output: string,
  exitCode: number | null,
  functionName: string,
): DeployVerdict {
  const lines = linesOf(output)
  const failed = lines.some((line) => line.includes('部署失败'))
  const succeeded = lines.some((line) => line.includes(`[${functionName}] 云函数部署成功`))
  if (succeeded && !failed) {
    return { deployed: true, reason: `${functionName} deployed` }
  }
  const message = labelled(lines, ['错误信息', 'Error message'])
  const code = labelled(lines, ['错误码', 'Error code'])
  // The CLI's own error handler prints "✖ <message>" for anything thrown (no login, no env, bad config).
  const thrown = lines.find((line) => line.startsWith('✖') && !line.includes('部署失败'))
  const last = lines.at(-1)
  const detail =
    message !== undefined
      ? `${message}${code === undefined ? '' : ` (${code})`}`
      : (thrown?.replace(/^✖\s*/, '') ??
        last ??
        `tcb printed nothing and exited ${exitCode ?? 'on a signal'}`)
  return { deployed: false, reason: `${functionName} was not deployed: ${detail}` }
}
