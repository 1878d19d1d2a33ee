// The second way to shrink a photo. On iOS wx.compressImage re-encodes only JPEG and ignores the target
// width, so a PNG screenshot over the limit comes back unchanged. Drawing it on an offscreen 2D canvas at
// the step's size and exporting a JPEG works on every format the image component can decode.
import type { PhotoDimensions } from './compress-policy'
import { FlowError, localError } from './shown-error'
import { errMsgOf, type CanvasImage, type WxPort } from './wx-port'

function loaded(image: CanvasImage, src: string): Promise<void> {
  return new Promise((resolve, reject) => {
    image.onload = () => resolve()
    image.onerror = (error) => reject(error)
    image.src = src
  })
}

/** The photo at `size`, as a JPEG temp file; null when this base library has no offscreen 2D canvas. */
export async function reencodeOnCanvas(
  wx: WxPort,
  src: string,
  size: PhotoDimensions,
  quality: number,
): Promise<string | null> {
  if (wx.createOffscreenCanvas === undefined) return null
  try {
    const canvas = wx.createOffscreenCanvas({ type: '2d', ...size })
    const image = canvas.createImage()
    await loaded(image, src)
    canvas.getContext('2d').drawImage(image, 0, 0, size.width, size.height)
    const { tempFilePath } = await wx.canvasToTempFilePath({
      canvas,
      fileType: 'jpg',
      quality: quality / 100,
    })
    return tempFilePath
  } catch (error) {
    throw new FlowError(localError('COMPRESS_FAILED', errMsgOf(error)))
  }
}
