import type { RgbPixels } from './line-tensor'

/** The detector's input size and the scale from the image to it. */
export interface DetectorFrame {
  width: number
  height: number
  /** The image's own size. */
  imageWidth: number
  imageHeight: number
  /** The size resized from: the image's, or 32 px a side for a tiny one, which is padded. */
  sourceWidth: number
  sourceHeight: number
  /** Detector pixels per image pixel, on each axis. */
  scaleX: number
  scaleY: number
}

/** PP-OCRv4's detector normalisation (ImageNet's), applied to B, G, R in that order as PaddleOCR does. */
const MEAN = [0.485 * 255, 0.456 * 255, 0.406 * 255]
const SCALE = [1 / 0.229 / 255, 1 / 0.224 / 255, 1 / 0.225 / 255]
/** PaddleOCR's det_limit_type 'max' bounds the long side; the DB model needs multiples of 32. */
const STRIDE = 32
/** Below this sum of sides PaddleOCR pads the image (with black) to 32 px before resizing. */
const TINY = 64

/** PaddleOCR's DetResizeForTest with limit_type 'max', on a source padded as it pads tiny images. */
export function detectorFrame(image: RgbPixels, maxSideLength: number): DetectorFrame {
  const tiny = image.width + image.height < TINY
  const sourceWidth = tiny ? Math.max(STRIDE, image.width) : image.width
  const sourceHeight = tiny ? Math.max(STRIDE, image.height) : image.height
  const longSide = Math.max(sourceWidth, sourceHeight)
  const ratio = longSide > maxSideLength ? maxSideLength / longSide : 1
  const toStride = (side: number) => Math.max(Math.round(side / STRIDE) * STRIDE, STRIDE)
  const width = toStride(Math.round(sourceWidth * ratio))
  const height = toStride(Math.round(sourceHeight * ratio))
  return {
    width,
    height,
    imageWidth: image.width,
    imageHeight: image.height,
    sourceWidth,
    sourceHeight,
    scaleX: width / sourceWidth,
    scaleY: height / sourceHeight,
  }
}

/**
 * The detector's [1, 3, height, width] input in one pass: a bilinear resize (half-pixel centres, each
 * sample rounded to a byte as an image resize would store it) and the normalisation. Pixels past the
 * image's edge (the padding of a tiny image) are black.
 */
export function detectorTensor(image: RgbPixels, frame: DetectorFrame): Float32Array {
  const { width, height } = frame
  const source = padded(image, frame)
  const tensor = new Float32Array(3 * width * height)
  const plane = width * height
  const xs = axisTaps(width, frame.sourceWidth)
  const ys = axisTaps(height, frame.sourceHeight)
  const rowBytes = frame.sourceWidth * 3
  // Tensor channel t is the image's channel 2 - t (BGR), normalised with the t-th mean and scale.
  const scale = [SCALE[2] ?? 1, SCALE[1] ?? 1, SCALE[0] ?? 1]
  const offset = [0, 1, 2].map((c) => (MEAN[2 - c] ?? 0) * (scale[c] ?? 1))
  const planeOf = [2 * plane, plane, 0]
  for (let y = 0; y < height; y++) {
    const top = (ys.first[y] as number) * rowBytes
    const bottom = (ys.second[y] as number) * rowBytes
    const wy = ys.weight[y] as number
    for (let x = 0; x < width; x++) {
      const left = (xs.first[x] as number) * 3
      const right = (xs.second[x] as number) * 3
      const wx = xs.weight[x] as number
      const at = y * width + x
      for (let c = 0; c < 3; c++) {
        const upper =
          (source[top + left + c] as number) * (1 - wx) + (source[top + right + c] as number) * wx
        const lower =
          (source[bottom + left + c] as number) * (1 - wx) +
          (source[bottom + right + c] as number) * wx
        const value = Math.round(Math.min(255, Math.max(0, upper * (1 - wy) + lower * wy)))
        tensor[(planeOf[c] as number) + at] = value * (scale[c] as number) - (offset[c] as number)
      }
    }
  }
  return tensor
}

/** The pixels resized from: the image itself, or a tiny one padded with black to 32 px a side. */
function padded(image: RgbPixels, frame: DetectorFrame): Uint8Array {
  if (frame.sourceWidth === image.width && frame.sourceHeight === image.height) return image.data
  const out = new Uint8Array(frame.sourceWidth * frame.sourceHeight * 3)
  for (let y = 0; y < image.height; y++) {
    const row = image.data.subarray(y * image.width * 3, (y + 1) * image.width * 3)
    out.set(row, y * frame.sourceWidth * 3)
  }
  return out
}

/** For each output index: the two source indices it blends and the weight of the second. */
function axisTaps(size: number, sourceSize: number) {
  const first = new Int32Array(size)
  const second = new Int32Array(size)
  const weight = new Float64Array(size)
  const scale = sourceSize / size
  for (let i = 0; i < size; i++) {
    const source = (i + 0.5) * scale - 0.5
    let low = Math.floor(source)
    let w = source - low
    if (low < 0) {
      low = 0
      w = 0
    } else if (low >= sourceSize - 1) {
      low = sourceSize - 1
      w = 0
    }
    first[i] = low
    second[i] = Math.min(low + 1, sourceSize - 1)
    weight[i] = w
  }
  return { first, second, weight }
}
