// `npm run bench`: every measure as a table, ratios against baselines measured in the same run.
import { benchCache } from './cache'
import { benchColdStart } from './cold-start'
import { benchHttpsCache } from './https-cache'
import { benchEngine } from './engine'
import { benchBatching } from './engine-batching'
import { benchOverhead } from './overhead'
import { benchRoundTrip } from './round-trip'
import { benchInstalledLibrary, benchSize } from './size'
import { benchStorm } from './storm'
import { renderTable, type BenchRow } from './table'

async function main(): Promise<void> {
  const rows: BenchRow[] = []
  // `npm run bench -- engine` runs only the sections whose name holds the word.
  const only = process.argv[2]
  const section = async (name: string, run: () => BenchRow[] | Promise<BenchRow[]>) => {
    if (only && !name.includes(only)) return
    process.stderr.write(`bench: ${name}...\n`)
    rows.push(...(await run()))
  }
  await section('cold start', () => benchColdStart())
  await section('size', () => benchSize())
  await section('installed library', () => benchInstalledLibrary())
  await section('overhead', () => benchOverhead())
  await section('round trip', () => benchRoundTrip())
  await section('engine (real)', () => benchEngine())
  await section('engine batching (real)', () => benchBatching())
  await section('cache hit vs miss (real engine)', () => benchCache())
  await section('https client cache hit vs miss (Redis, real engine)', () => benchHttpsCache())
  await section('retry storms (real engine)', () => benchStorm())
  console.log(renderTable(rows))
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
