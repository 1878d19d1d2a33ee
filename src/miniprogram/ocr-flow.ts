// choose -> compress -> upload -> recognize, with no page in sight: the page passes `wx` and a stage
// callback and gets back one value. Every failure, wx's, the platform's or the function's, comes back as
// a ShownError and is reported once to the developer's console; nothing is thrown at the page.
import { classifyCloudFailure } from './cloud-failures'
import { DEFAULT_COMPRESS_POLICY, type CompressPolicy } from './compress-policy'
import { choosePhoto, preparePhoto, type PreparedPhoto } from './prepare-photo'
import { isOcrReply } from './reply-guard'
import { reportFailure } from './report'
import { FlowError, fromOcrError, localError, type ShownError } from './shown-error'
import { forgetUploadPrefix, getUploadPrefix } from './upload-prefix'
import { errMsgOf, type WxPort } from './wx-port'
import type { OcrSuccess } from '../types/core'

export type Stage = 'compressing' | 'uploading' | 'recognizing'

export interface FlowOptions {
  functionName: string
  /** Only keys the cached upload prefix; wx.cloud.init already chose the env. */
  env: string
  policy?: CompressPolicy
  onStage?: (stage: Stage) => void
  now?: () => number
  random?: () => number
}

export type FlowResult =
  | { kind: 'cancelled' }
  | { kind: 'recognized'; photo: PreparedPhoto; reply: OcrSuccess }
  /** `photo` is set once the photo was prepared, so a retry can skip choosing it again. */
  | { kind: 'failed'; error: ShownError; photo?: PreparedPhoto }

const IMAGE_EXTENSIONS = ['jpg', 'jpeg', 'png', 'webp', 'gif', 'bmp']

/** A name that cannot collide between two uploads of the same user. */
export function uploadName(path: string, now: number, random: number): string {
  const extension = /\.([A-Za-z0-9]+)$/.exec(path)?.[1]?.toLowerCase() ?? ''
  const suffix = Math.floor(random * 36 ** 6)
    .toString(36)
    .padStart(6, '0')
  return `${now}-${suffix}.${IMAGE_EXTENSIONS.includes(extension) ? extension : 'jpg'}`
}

function failed(error: unknown, photo?: PreparedPhoto): FlowResult {
  const shown: ShownError =
    error instanceof FlowError ? error.shown : localError('UNEXPECTED', errMsgOf(error))
  reportFailure('recognition', shown)
  return photo === undefined
    ? { kind: 'failed', error: shown }
    : { kind: 'failed', error: shown, photo }
}

async function upload(wx: WxPort, photo: PreparedPhoto, options: FlowOptions): Promise<string> {
  const prefix = await getUploadPrefix(wx, options.functionName, options.env)
  const name = uploadName(
    photo.path,
    (options.now ?? Date.now)(),
    (options.random ?? Math.random)(),
  )
  try {
    const { fileID } = await wx.cloud.uploadFile({ cloudPath: prefix + name, filePath: photo.path })
    return fileID
  } catch (error) {
    throw new FlowError(classifyCloudFailure(error, 'UPLOAD_FAILED'))
  }
}

async function recognize(wx: WxPort, fileID: string, options: FlowOptions): Promise<OcrSuccess> {
  let result: unknown
  try {
    // deleteAfter: the function removes the upload once it has read it, so no user photo is kept.
    ;({ result } = await wx.cloud.callFunction({
      name: options.functionName,
      data: { fileID, deleteAfter: true },
    }))
  } catch (error) {
    throw new FlowError(classifyCloudFailure(error, 'CALL_FAILED'))
  }
  if (!isOcrReply(result)) {
    throw new FlowError(localError('BAD_REPLY', `The function answered ${JSON.stringify(result)}`))
  }
  if (result.ok) return result
  if (result.error.code === 'FILE_FORBIDDEN') forgetUploadPrefix(wx, options.env)
  throw new FlowError(fromOcrError(result.error))
}

/** Upload an already prepared photo and read it: the whole flow after choosing, and the retry path. */
export async function recognizePhoto(
  wx: WxPort,
  photo: PreparedPhoto,
  options: FlowOptions,
): Promise<FlowResult> {
  try {
    options.onStage?.('uploading')
    const fileID = await upload(wx, photo, options)
    options.onStage?.('recognizing')
    return { kind: 'recognized', photo, reply: await recognize(wx, fileID, options) }
  } catch (error) {
    return failed(error, photo)
  }
}

export async function chooseAndRecognize(wx: WxPort, options: FlowOptions): Promise<FlowResult> {
  let photo: PreparedPhoto
  try {
    const file = await choosePhoto(wx)
    if (file === null) return { kind: 'cancelled' }
    options.onStage?.('compressing')
    photo = await preparePhoto(wx, file, options.policy ?? DEFAULT_COMPRESS_POLICY)
  } catch (error) {
    return failed(error)
  }
  return recognizePhoto(wx, photo, options)
}
