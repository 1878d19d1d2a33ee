// Choose a photo and bring it under the platform's limit. Cancelling the picker is not a failure: it
// returns null and nothing is shown. A refused privacy authorization is not a refused camera permission:
// each gets its own message (privacy.ts).
import { isUnderImageSizeLimit, IMAGE_SIZE_LIMIT_TEXT } from '../checks/size-limit'
import { reencodeOnCanvas } from './canvas-reencode'
import { cappedDimensions, type CompressPolicy, type PhotoDimensions } from './compress-policy'
import { privacyFailure } from './privacy'
import { FlowError, localError } from './shown-error'
import { errMsgOf, type ChosenFile, type PhotoSource, type WxPort } from './wx-port'

export interface PreparedPhoto {
  path: string
  size: number
  width: number
  height: number
}

export function isCancel(error: unknown): boolean {
  return errMsgOf(error).includes('cancel')
}

export async function choosePhoto(
  wx: WxPort,
  sourceType: PhotoSource[],
): Promise<ChosenFile | null> {
  try {
    const { tempFiles } = await wx.chooseMedia({
      count: 1,
      mediaType: ['image'],
      sourceType,
      sizeType: ['compressed'],
    })
    return tempFiles[0] ?? null
  } catch (error) {
    if (isCancel(error)) return null
    throw new FlowError(privacyFailure(error) ?? localError('CHOOSE_FAILED', errMsgOf(error)))
  }
}

async function dimensionsOf(wx: WxPort, file: ChosenFile): Promise<PhotoDimensions> {
  const { width, height } = file
  if (width !== undefined && height !== undefined && width > 0 && height > 0) {
    return { width, height }
  }
  try {
    const info = await wx.getImageInfo({ src: file.tempFilePath })
    return { width: info.width, height: info.height }
  } catch (error) {
    throw new FlowError(localError('COMPRESS_FAILED', errMsgOf(error)))
  }
}

export function fileSize(wx: WxPort, filePath: string): Promise<number> {
  return new Promise((resolve, reject) => {
    wx.getFileSystemManager().getFileInfo({
      filePath,
      success: ({ size }) => resolve(size),
      fail: (error) => reject(new FlowError(localError('COMPRESS_FAILED', error.errMsg))),
    })
  })
}

async function compress(wx: WxPort, src: string, quality: number, width: number): Promise<string> {
  try {
    const { tempFilePath } = await wx.compressImage({ src, quality, compressedWidth: width })
    return tempFilePath
  } catch (error) {
    throw new FlowError(localError('COMPRESS_FAILED', errMsgOf(error)))
  }
}

/** A photo that needs no work keeps its file; the caller is told before any work starts. */
export function needsCompression(file: ChosenFile, dims: PhotoDimensions, policy: CompressPolicy) {
  return !isUnderImageSizeLimit(file.size) || Math.max(dims.width, dims.height) > policy.maxLongSide
}

export async function preparePhoto(
  wx: WxPort,
  file: ChosenFile,
  policy: CompressPolicy,
  onCompress: () => void,
): Promise<PreparedPhoto> {
  const dims = await dimensionsOf(wx, file)
  if (!needsCompression(file, dims, policy)) {
    return { path: file.tempFilePath, size: file.size, ...dims }
  }
  onCompress()
  let lastSize = file.size
  for (const step of policy.steps) {
    const size = cappedDimensions(dims, step.maxLongSide)
    const compressed = await compress(wx, file.tempFilePath, step.quality, size.width)
    lastSize = await fileSize(wx, compressed)
    if (isUnderImageSizeLimit(lastSize)) return { path: compressed, size: lastSize, ...size }
    // compressImage left it too big (an iOS PNG comes back as it was): the canvas re-encodes anything.
    const drawn = await reencodeOnCanvas(wx, file.tempFilePath, size, step.quality)
    if (drawn === null) continue
    lastSize = await fileSize(wx, drawn)
    if (isUnderImageSizeLimit(lastSize)) return { path: drawn, size: lastSize, ...size }
  }
  const message = `Still ${lastSize} bytes after ${policy.steps.length} compression steps; ${IMAGE_SIZE_LIMIT_TEXT}.`
  throw new FlowError(localError('TOO_LARGE_AFTER_COMPRESSION', message))
}
