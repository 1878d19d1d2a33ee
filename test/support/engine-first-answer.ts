// A process that asks the engine once and then ends without disposing it, as `npm run ocr` or a
// script does: run by test/engine/lifecycle.test.ts. Prints what it was answered.
import { createPaddleEngine } from '../../emulator/engine'
import { pngImage } from './images/formats'

async function main(): Promise<void> {
  const reply = await createPaddleEngine().recognize(await pngImage(64, 64))
  process.stdout.write(`${JSON.stringify(reply)}\n`)
}

void main()
