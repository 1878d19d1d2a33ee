// The local cloud's OCR engine. Importing this loads no model: the first recognize() does.
import { createPaddleEngine } from './paddle-engine'
import type { OcrEngine } from './types'

export { createPaddleEngine } from './paddle-engine'
export type { PaddleEngineOptions } from './paddle-engine'
export { ImageDecodeError } from './types'
export type { EngineResult, OcrEngine, WireItem, WirePoint } from './types'

let defaultEngine: OcrEngine | undefined

/**
 * The process-wide engine: one set of ONNX sessions (~0.6 GB) shared by every caller. Creating it is
 * free; the models load on its first recognize(). Once disposed, the next call makes a fresh one.
 */
export function loadDefaultEngine(): OcrEngine {
  if (defaultEngine) return defaultEngine
  const engine = createPaddleEngine()
  const shared: OcrEngine = {
    name: engine.name,
    recognize: (image) => engine.recognize(image),
    dispose: async () => {
      if (defaultEngine === shared) defaultEngine = undefined
      await engine.dispose()
    },
  }
  defaultEngine = shared
  return shared
}
