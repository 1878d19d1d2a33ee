// Choose a photo and bring it under the platform's limits. Cancelling the picker is not a failure: it
// returns null and the page shows nothing. A refused privacy authorization is not a refused camera
// permission: each gets its own message (privacy.ts).
import {
  needsCompression,
  targetWidth,
  type CompressPolicy,
  type PhotoDimensions,
} from './compress-policy'
import { privacyFailure } from './privacy'
import { FlowError, localError } from './shown-error'
import { errMsgOf, type ChosenFile, type WxPort } from './wx-port'

export interface PreparedPhoto {
  path: string
  size: number
  width: number
  height: number
}

export function isCancel(error: unknown): boolean {
  return errMsgOf(error).includes('cancel')
}

export async function choosePhoto(wx: WxPort): Promise<ChosenFile | null> {
  try {
    const { tempFiles } = await wx.chooseMedia({
      count: 1,
      mediaType: ['image'],
      sourceType: ['album', 'camera'],
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
    return await wx.getImageInfo({ src: file.tempFilePath })
  } catch (error) {
    throw new FlowError(localError('COMPRESS_FAILED', errMsgOf(error)))
  }
}

function fileSize(wx: WxPort, filePath: string): Promise<number> {
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

export async function preparePhoto(
  wx: WxPort,
  file: ChosenFile,
  policy: CompressPolicy,
): Promise<PreparedPhoto> {
  const dims = await dimensionsOf(wx, file)
  if (!needsCompression(file.size, dims, policy)) {
    return { path: file.tempFilePath, size: file.size, ...dims }
  }
  let lastSize = file.size
  for (const step of policy.steps) {
    const width = targetWidth(dims, step.maxLongSide)
    const path = await compress(wx, file.tempFilePath, step.quality, width)
    lastSize = await fileSize(wx, path)
    if (lastSize < policy.maxBytes) {
      return { path, size: lastSize, width, height: Math.round((dims.height * width) / dims.width) }
    }
  }
  const message = `Still ${lastSize} bytes after ${policy.steps.length} compression steps; the limit is ${policy.maxBytes}.`
  throw new FlowError(localError('TOO_LARGE_AFTER_COMPRESSION', message))
}
