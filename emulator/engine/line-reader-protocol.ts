// Messages between the OCR thread and a line-reader thread. The image travels in shared memory, so
// posting it with every line copies nothing.
import type { LineReading } from './line-reader'
import type { LineQuad, RgbPixels } from './line-tensor'
import type { ModelSource } from './model-assets'
import type { OnnxSettings } from './onnx-session'

export type LineReaderData = OnnxSettings & ModelSource & { pieceWidth: number }

export type LineReaderRequest =
  { type: 'read'; id: number; image: RgbPixels; quad: LineQuad } | { type: 'dispose' }

export type LineReaderReply =
  | { type: 'ready' }
  | { type: 'load-failed'; message: string }
  | { type: 'read'; id: number; reading: LineReading }
  | { type: 'failed'; id: number; message: string }
  | { type: 'disposed' }
  | { type: 'settled' }
