// The engine's peak memory in a process of its own, as the local cloud runs it: the bench's own
// process also holds the test images it drew (about 200 MB of canvas and fonts), which is not the
// engine's. Run by bench/engine.ts: `node --import tsx bench/engine-rss.ts <image>...` recognizes
// each image in turn on the default engine and prints its peak RSS in MB.
import { readFile } from 'node:fs/promises'

import { createPaddleEngine } from '../emulator/engine'

async function main(files: readonly string[]): Promise<void> {
  const engine = createPaddleEngine()
  try {
    for (const file of files) await engine.recognize(await readFile(file))
  } finally {
    await engine.dispose()
  }
  // maxRSS covers every thread of the process: the engine's and its line readers'.
  console.log(JSON.stringify({ peakMb: process.resourceUsage().maxRSS / 1024 }))
}

if (require.main === module) void main(process.argv.slice(2))
