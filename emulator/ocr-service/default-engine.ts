// Loads the default OCR engine only when a call needs it and no engine was injected: it is heavy (ONNX
// sessions, ~0.8 GB), and tests that inject a fake engine must never pay for it.
import type { OcrEngine } from '../engine/types'

// Resolved at run time so the emulator compiles and its tests run before (or without) the engine module.
const DEFAULT_ENGINE_MODULE = '../engine/index'

function isEngine(value: unknown): value is OcrEngine {
  const engine = value as Partial<OcrEngine> | null
  return (
    typeof engine === 'object' &&
    engine !== null &&
    typeof engine.recognize === 'function' &&
    typeof engine.dispose === 'function'
  )
}

export async function loadDefaultEngine(): Promise<OcrEngine> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const engineModule = require(DEFAULT_ENGINE_MODULE) as { loadDefaultEngine?: unknown }
  if (typeof engineModule.loadDefaultEngine !== 'function') {
    throw new TypeError(`${DEFAULT_ENGINE_MODULE} does not export loadDefaultEngine()`)
  }
  const engine: unknown = await (engineModule.loadDefaultEngine as () => unknown)()
  if (!isEngine(engine)) throw new TypeError('loadDefaultEngine() did not return an OcrEngine')
  return engine
}

/** Memoizes a loader; a failed load is not cached, so the next call tries again. */
export function lazyEngine(load: () => Promise<OcrEngine>): {
  get: () => Promise<OcrEngine>
  loaded: () => OcrEngine | undefined
} {
  let pending: Promise<OcrEngine> | undefined
  let ready: OcrEngine | undefined
  return {
    get: () => {
      pending ??= load().then(
        (engine) => (ready = engine),
        (error: unknown) => {
          pending = undefined
          throw error
        },
      )
      return pending
    },
    loaded: () => ready,
  }
}
