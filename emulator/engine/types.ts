// The contract between the local cloud and whatever recognizes text. Engines answer in the platform's own
// JSON shape (snake_case, four corners per line, img_size), so the gateway and the HTTPS endpoint can pass
// the result through unchanged.

export interface WirePoint {
  x: number
  y: number
}

export interface WireItem {
  text: string
  pos: {
    left_top: WirePoint
    right_top: WirePoint
    right_bottom: WirePoint
    left_bottom: WirePoint
  }
}

export interface EngineResult {
  items: WireItem[]
  img_size: { w: number; h: number }
}

export interface OcrEngine {
  /** A short name for logs and the start banner, e.g. "paddleocr PP-OCRv4". */
  readonly name: string
  /** Recognizes printed text. Throws ImageDecodeError when the bytes are no decodable image. */
  recognize(image: Buffer): Promise<EngineResult>
  /** Frees native resources (ONNX sessions). Safe to call twice. */
  dispose(): Promise<void>
}

/** The bytes could not be decoded as an image: the platform answers 101002 for this. */
export class ImageDecodeError extends Error {
  override readonly name = 'ImageDecodeError'
}
