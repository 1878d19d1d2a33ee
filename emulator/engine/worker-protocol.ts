// Messages between the engine (any thread) and its OCR worker thread. Everything here survives
// structured cloning: plain objects, numbers, strings and typed arrays.
import type { DecodedImage } from './decode-image'
import type { WireItem } from './types'

export type WorkerRequest =
  { type: 'recognize'; id: number; image: DecodedImage } | { type: 'dispose' }

export type WorkerReply =
  | { type: 'ready' }
  | { type: 'load-failed'; message: string }
  | { type: 'result'; id: number; items: WireItem[] }
  | { type: 'failed'; id: number; message: string }
  | { type: 'disposed' }
  | { type: 'settled' }
