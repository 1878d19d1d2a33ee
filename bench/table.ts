export interface BenchRow {
  name: string
  value: string
  target?: string
  /** Whether the target is met, when there is one. */
  pass?: boolean
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1
    ? (sorted[mid] ?? NaN)
    : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2
}

export function renderTable(rows: readonly BenchRow[]): string {
  const header = ['measure', 'value', 'target', '']
  const body = rows.map((r) => [
    r.name,
    r.value,
    r.target ?? '',
    r.pass === undefined ? '' : r.pass ? 'ok' : 'MISSED',
  ])
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] ?? '').length)))
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n')
}

/** Runs one section alone when its file is the entry point (`node --import tsx bench/<file>.ts`). */
export function runWhenMain(
  entry: NodeJS.Module,
  section: () => Promise<readonly BenchRow[]>,
): void {
  if (require.main !== entry) return
  section()
    .then((rows) => console.log(renderTable(rows)))
    .catch((error: unknown) => {
      console.error(error)
      process.exitCode = 1
    })
}
