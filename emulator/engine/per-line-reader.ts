import { paddle } from './paddle-runtime'
import type { Box, Image, OrtInferenceSession, OrtModule } from './paddle-runtime'

/**
 * The engine's first line reader, kept only so `npm run bench` can measure the batched reader against
 * it in the same run: paddleocr's RecognitionService called once per box (so each crop is padded only
 * to 320 px), with the package's own CTC decode, which leaves the spaces PP-OCRv4 drops dropped.
 */
export function perLineReader(
  runtime: OrtModule,
  session: OrtInferenceSession,
  characters: string[],
): (image: Image, boxes: readonly Box[]) => Promise<Array<{ text: string; confidence: number }>> {
  const recognizer = new paddle.RecognitionService(runtime, session, {
    channelOrder: 'bgr',
    charactersDictionary: characters,
  })
  return async (image, boxes) => {
    const lines: Array<{ text: string; confidence: number }> = []
    for (const box of boxes) {
      const [line] = await recognizer.run(image, [box], { ordering: { sortByReadingOrder: false } })
      lines.push({ text: line?.text ?? '', confidence: line?.confidence ?? 0 })
    }
    return lines
  }
}
