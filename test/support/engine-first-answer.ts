// A process that asks the engine once and then ends without disposing it, as `npm run ocr` or a
// script does: run by test/engine/lifecycle.test.ts. Prints what it was answered.
import sharp from 'sharp'

import { createPaddleEngine } from '../../emulator/engine'

async function main(): Promise<void> {
  const blank = await sharp({
    create: { width: 64, height: 64, channels: 3, background: '#ffffff' },
  })
    .png()
    .toBuffer()
  const reply = await createPaddleEngine().recognize(blank)
  process.stdout.write(`${JSON.stringify(reply)}\n`)
}

void main()
