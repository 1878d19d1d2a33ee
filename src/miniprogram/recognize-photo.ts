// choose -> compress -> upload -> recognize, with no page in sight. Every failure, wx's, the platform's
// or the function's, comes back as a reply with `ok: false` and is reported once to the developer's
// console; nothing is thrown. A cancelled picker is `null`: nothing happened.
import { classifyCloudFailure } from './cloud-failures'
import { cloudTarget, type CloudTarget } from './cloud-target'
import { globalWx } from './global-wx'
import { resolveOptions, type RecognizePhotoOptions, type ResolvedOptions } from './options'
import { choosePhoto, fileSize, preparePhoto, type PreparedPhoto } from './prepare-photo'
import { isOcrReply } from './reply-shape'
import { reportFailure } from './report'
import { FlowError, fromOcrError, localError, type ShownError } from './shown-error'
import { forgetUploadPrefix, getUploadPrefix } from './upload-prefix'
import { errMsgOf, type ChosenFile, type WxPort } from './wx-port'
import type { OcrSuccess } from './core-types'

/** The function's reply, with the photo it was read from (what its boxes are relative to). */
export type PhotoSuccess = OcrSuccess & { photo: PreparedPhoto }

/** `photo` is set once the photo was prepared, so a retry need not choose it again. */
export interface PhotoFailure {
  ok: false
  error: ShownError
  photo?: PreparedPhoto
}

export type PhotoReply = PhotoSuccess | PhotoFailure

const IMAGE_EXTENSIONS = ['jpg', 'jpeg', 'png', 'webp', 'gif', 'bmp']

/** A name that cannot collide between two uploads of the same user. */
export function uploadName(path: string, now: number, random: number): string {
  const extension = /\.([A-Za-z0-9]+)$/.exec(path)?.[1]?.toLowerCase() ?? ''
  const suffix = Math.floor(random * 36 ** 6)
    .toString(36)
    .padStart(6, '0')
  return `${now}-${suffix}.${IMAGE_EXTENSIONS.includes(extension) ? extension : 'jpg'}`
}

function failed(error: unknown, photo?: PreparedPhoto): PhotoFailure {
  const shown: ShownError =
    error instanceof FlowError ? error.shown : localError('UNEXPECTED', errMsgOf(error))
  reportFailure('recognition', shown)
  return photo === undefined ? { ok: false, error: shown } : { ok: false, error: shown, photo }
}

async function upload(
  target: CloudTarget,
  photo: PreparedPhoto,
  options: ResolvedOptions,
): Promise<string> {
  const prefix = await getUploadPrefix(target, options.functionName)
  const name = uploadName(photo.path, options.now(), options.random())
  try {
    const { fileID } = await target.cloud.uploadFile({
      cloudPath: prefix + name,
      filePath: photo.path,
      ...target.config,
    })
    return fileID
  } catch (error) {
    throw new FlowError(classifyCloudFailure(error, 'UPLOAD_FAILED'))
  }
}

async function recognize(
  target: CloudTarget,
  fileID: string,
  options: ResolvedOptions,
): Promise<OcrSuccess> {
  let result: unknown
  try {
    ;({ result } = await target.cloud.callFunction({
      name: options.functionName,
      data: { fileID, deleteAfter: options.deleteAfter },
      ...target.config,
    }))
  } catch (error) {
    throw new FlowError(classifyCloudFailure(error, 'CALL_FAILED'))
  }
  if (!isOcrReply(result)) {
    throw new FlowError(localError('BAD_REPLY', `The function answered ${JSON.stringify(result)}`))
  }
  if (result.ok) return result
  if (result.error.code === 'FILE_FORBIDDEN') forgetUploadPrefix(target)
  throw new FlowError(fromOcrError(result.error))
}

async function givenFile(wx: WxPort, filePath: string): Promise<ChosenFile> {
  return { tempFilePath: filePath, size: await fileSize(wx, filePath) }
}

/**
 * Recognizes the printed text of a photo the user chooses (or of `options.filePath`). Resolves the reply,
 * `ok: true` with the lines or `ok: false` with an error whose `userMessage` is for the user, or `null`
 * when the user cancelled the picker. Never rejects.
 */
export async function recognizePhoto(
  options: RecognizePhotoOptions = {},
): Promise<PhotoReply | null> {
  const resolved = resolveOptions(options)
  const wx = options.wx ?? globalWx()
  let photo: PreparedPhoto
  try {
    const file =
      resolved.filePath === undefined
        ? await choosePhoto(wx, resolved.sourceType)
        : await givenFile(wx, resolved.filePath)
    if (file === null) return null
    photo = await preparePhoto(wx, file, resolved.compress, () => resolved.onStage('compressing'))
  } catch (error) {
    return failed(error)
  }
  try {
    const target = cloudTarget(wx, resolved.env)
    resolved.onStage('uploading')
    const fileID = await upload(target, photo, resolved)
    resolved.onStage('recognizing')
    return { ...(await recognize(target, fileID, resolved)), photo }
  } catch (error) {
    return failed(error, photo)
  }
}
