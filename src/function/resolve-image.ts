// Turns the event's source into what the platform call takes, checking bytes before anything spends quota.
import type { ImageSource } from '../request/event-schema'
import { checkImageBytes } from '../image/check-bytes'
import { decodeImgValue } from '../image/decode-value'
import { failure } from '../errors/failure'
import { normalizePrintedText } from '../normalize/normalize'
import type { OcrFailure } from '../reply/schema'
import type { CloudPort, PrintedTextRequest, WxContext } from './cloud-port'
import { guardFileAccess } from './file-guard'

export interface ResolvedImage {
  ok: true
  request: PrintedTextRequest
  /** Bytes sent, or undefined for a URL the platform fetches itself. */
  bytes: Buffer | undefined
}

function isMissingFile(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false
  const { code, errMsg, message } = error as Record<string, unknown>
  const text = `${String(code)} ${String(errMsg)} ${String(message)}`
  return /STORAGE_FILE_NONEXIST|file not exist|does not exist/i.test(text)
}

async function download(port: CloudPort, fileID: string): Promise<Buffer | OcrFailure> {
  try {
    return await port.downloadFile(fileID)
  } catch (error) {
    if (isMissingFile(error)) {
      return failure('FILE_NOT_FOUND', { message: `The cloud file ${fileID} does not exist.` })
    }
    const reply = normalizePrintedText(error)
    return reply.ok ? failure('UPSTREAM_ERROR', { message: 'downloadFile gave no bytes.' }) : reply
  }
}

export async function resolveImage(
  source: ImageSource,
  port: CloudPort,
  caller: WxContext,
  uploadPrefix: string,
): Promise<ResolvedImage | OcrFailure> {
  if (source.kind === 'imgUrl') {
    return { ok: true, request: { imgUrl: source.imgUrl }, bytes: undefined }
  }
  let bytes: Buffer
  if (source.kind === 'fileID') {
    const allowed = guardFileAccess(source.fileID, caller, uploadPrefix)
    if (!allowed.ok) return allowed
    const downloaded = await download(port, source.fileID)
    if (!Buffer.isBuffer(downloaded)) return downloaded
    bytes = downloaded
  } else {
    const decoded = decodeImgValue(source.img.value)
    if (!decoded.ok) return decoded
    bytes = decoded.bytes
  }
  const checked = checkImageBytes(bytes)
  if (!checked.ok) return checked
  return {
    ok: true,
    request: { img: { contentType: checked.contentType, value: checked.bytes } },
    bytes: checked.bytes,
  }
}
