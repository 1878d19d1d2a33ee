// Turns the event's source into what the platform call takes, checking bytes before anything spends quota.
import type { ImageSource } from '../parse/event-schema'
import { checkImageBytes } from '../checks/check-bytes'
import { IMAGE_SIZE_LIMIT_BYTES, IMAGE_SIZE_LIMIT_TEXT } from '../checks/size-limit'
import type { ImageDimensions } from '../checks/integrity'
import { decodeImgValue } from '../checks/decode-value'
import { failure } from '../errors/failure'
import { readIncomingError } from '../errors/incoming'
import { incomingFailure } from '../errors/incoming-failure'
import type { OcrFailure } from '../reply/schema'
import type {
  CloudPort,
  DownloadedFile,
  PrintedTextRequest,
  WxContext,
} from '../transport/cloud-port'
import { guardFileAccess, type FileAccessRule } from './file-access'

export interface ResolvedImage {
  ok: true
  request: PrintedTextRequest
  /** Bytes sent, or undefined for a URL the platform fetches itself. */
  bytes: Buffer | undefined
  /** From the image's header, for the log line; undefined for a URL. */
  dimensions: ImageDimensions | undefined
}

export interface Resolution {
  image: ResolvedImage | OcrFailure
  /** The caller's file was read (whatever came of it): a deleteAfter request must now be honoured. */
  fileRead: boolean
}

/** Reads the file, holding one byte over the limit at most: enough to know it is too large. */
async function download(port: CloudPort, fileID: string): Promise<Resolution> {
  let file: DownloadedFile
  try {
    file = await port.downloadFile(fileID, IMAGE_SIZE_LIMIT_BYTES)
  } catch (error) {
    // Not read: the file stays, so the caller's retry of a transient failure still finds it.
    const image = incomingFailure(readIncomingError(error), {
      lead: 'Reading the cloud file failed',
    })
    return { image, fileRead: false }
  }
  switch (file.kind) {
    case 'missing': {
      const message = `The cloud file ${fileID} does not exist.`
      return { image: failure('FILE_NOT_FOUND', { message }), fileRead: false }
    }
    case 'too-large': {
      const message = `The file is at least ${file.atLeastBytes} bytes; ${IMAGE_SIZE_LIMIT_TEXT}.`
      return { image: failure('IMAGE_TOO_LARGE', { message }), fileRead: true }
    }
    case 'bytes':
      return { image: await checked(file.bytes), fileRead: true }
  }
}

async function checked(bytes: Buffer): Promise<ResolvedImage | OcrFailure> {
  const image = await checkImageBytes(bytes)
  if (!image.ok) return image
  return {
    ok: true,
    request: { img: { contentType: image.contentType, value: image.bytes } },
    bytes: image.bytes,
    dimensions: image.dimensions,
  }
}

export async function resolveImage(
  source: ImageSource,
  port: CloudPort,
  caller: WxContext,
  access: FileAccessRule,
): Promise<Resolution> {
  switch (source.kind) {
    case 'imgUrl': {
      const request = { imgUrl: source.imgUrl }
      return {
        image: { ok: true, request, bytes: undefined, dimensions: undefined },
        fileRead: false,
      }
    }
    case 'img': {
      const decoded = decodeImgValue(source.img.value)
      return { image: decoded.ok ? await checked(decoded.bytes) : decoded, fileRead: false }
    }
    case 'fileID': {
      const allowed = guardFileAccess(source.fileID, caller, access)
      if (!allowed.ok) return { image: allowed, fileRead: false }
      return download(port, source.fileID)
    }
  }
}
