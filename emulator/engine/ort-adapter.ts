import * as ort from 'onnxruntime-node'

import type { OrtInferenceSession, OrtModule } from './paddle-runtime'

/**
 * paddleocr declares its own minimal view of onnxruntime. The real declarations overload every
 * constructor, so TypeScript cannot see that they fit; this file is the one place that bridges them.
 */
export interface PaddleOrt {
  module: OrtModule
  createSession(model: Uint8Array): Promise<OrtInferenceSession>
}

export function paddleOrt(sessionOptions: ort.InferenceSession.SessionOptions): PaddleOrt {
  const createSession = async (model: Uint8Array) =>
    toPaddleSession(await ort.InferenceSession.create(model, sessionOptions))
  return {
    module: {
      // paddleocr only ever builds float32 tensors with this, the overload ort declares for them.
      Tensor: ort.Tensor as OrtModule['Tensor'],
      InferenceSession: { create: (model: ArrayBuffer) => createSession(new Uint8Array(model)) },
    },
    createSession,
  }
}

export function toPaddleSession(session: ort.InferenceSession): OrtInferenceSession {
  return {
    inputNames: session.inputNames,
    inputMetadata: session.inputMetadata.map((meta) =>
      meta.isTensor ? { shape: meta.shape } : {},
    ),
    outputNames: session.outputNames,
    run: (feeds) => session.run(toOrtFeeds(feeds)),
    release: () => session.release(),
  }
}

function toOrtFeeds(feeds: Record<string, unknown>): ort.InferenceSession.FeedsType {
  const checked: Record<string, ort.Tensor> = {}
  for (const [name, value] of Object.entries(feeds)) {
    if (!(value instanceof ort.Tensor))
      throw new TypeError(`Feed "${name}" is not an onnxruntime tensor.`)
    checked[name] = value
  }
  return checked
}
