// The cloud port over wx-server-sdk. The SDK's own types are `Record<string, any>` for openapi, so the
// narrow shape we rely on is written down here and checked at runtime where it matters.
import type { CloudPort, DownloadedFile, PrintedTextRequest } from './cloud-port'
import type { DocumentStore } from '../store/document-store'
import { downloadCapped } from './capped-download'
import { createCloudStore, type CollectionLog, type SdkDatabase } from '../store/cloud-store'
import { readWxContext } from './wx-context'

export interface WxServerSdk {
  openapi: { ocr: { printedText(request: PrintedTextRequest): Promise<unknown> } }
  getTempFileURL(options: { fileList: Array<{ fileID: string; maxAge: number }> }): Promise<{
    fileList?: Array<{ status?: number; errMsg?: string; tempFileURL?: string }>
  }>
  deleteFile(options: {
    fileList: string[]
  }): Promise<{ fileList?: Array<{ status?: number; errMsg?: string }> }>
  getWXContext(): Record<string, unknown>
  /** Typed loosely by the SDK; narrowed in cloud-store.ts. throwOnNotFound:false makes a miss `data: null`. */
  database(config?: { throwOnNotFound?: boolean }): unknown
}

/** wx-server-sdk's status for a file that does not exist (TCB_ERR_CODE.STORAGE_FILE_NONEXIST). */
const FILE_NONEXIST_STATUS = -503003
/** The SDK's own downloadFile asks for a URL valid this long. */
const TEMP_URL_MAX_AGE_SECONDS = 600

export interface CloudPortOptions {
  /** How long reading a file may take; default the retry policy's attempt timeout. */
  downloadTimeoutMs: number
}

async function downloadWithCap(
  cloud: WxServerSdk,
  fileID: string,
  maxBytes: number,
  timeoutMs: number,
): Promise<DownloadedFile> {
  const { fileList } = await cloud.getTempFileURL({
    fileList: [{ fileID, maxAge: TEMP_URL_MAX_AGE_SECONDS }],
  })
  const entry = fileList?.[0]
  if (entry?.status === FILE_NONEXIST_STATUS) return { kind: 'missing' }
  if (entry?.status !== 0 || !entry.tempFileURL) {
    const errMsg = `getTempFileURL: ${entry?.errMsg ?? 'no entry for the file'}`
    throw Object.assign(new Error(errMsg), { errCode: entry?.status, errMsg })
  }
  // The SDK's downloadFile GETs encodeURI(tempFileURL): the URL comes back unencoded.
  return downloadCapped(encodeURI(entry.tempFileURL), maxBytes, timeoutMs)
}

export function createCloudPort(cloud: WxServerSdk, options: CloudPortOptions): CloudPort {
  return {
    printedText: (request) => cloud.openapi.ocr.printedText(request),
    downloadFile: (fileID, maxBytes) =>
      downloadWithCap(cloud, fileID, maxBytes, options.downloadTimeoutMs),
    async deleteFile(fileID) {
      const { fileList } = await cloud.deleteFile({ fileList: [fileID] })
      const status = fileList?.[0]?.status
      if (status !== undefined && status !== 0) {
        throw new Error(`deleteFile failed: ${fileList?.[0]?.errMsg ?? status}`)
      }
    },
    wxContext: () => readWxContext(cloud.getWXContext(), process.env),
  }
}

/** A created collection is news for whoever reads the log; a failed creation is a warning. */
const logCollection: CollectionLog = (event) => {
  const line = event.created
    ? { level: 'info', msg: 'ocrPrintedText created collection', collection: event.collection }
    : { level: 'warn', msg: 'ocrPrintedText could not create collection', ...event }
  process.stdout.write(`${JSON.stringify(line)}\n`)
}

/** The cache and counter store over `cloud.database()`, opened on first use. */
export function createCloudDocumentStore(cloud: WxServerSdk): DocumentStore {
  return createCloudStore(
    () => cloud.database({ throwOnNotFound: false }) as SdkDatabase,
    logCollection,
  )
}
