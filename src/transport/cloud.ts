// The cloud port over wx-server-sdk. The SDK's own types are `Record<string, any>` for openapi, so the
// narrow shape we rely on is written down here and checked at runtime where it matters.
import type { CloudPort, PrintedTextRequest, WxContext } from '../function/cloud-port'
import type { DocumentStore } from '../store/document-store'
import { createCloudStore, type CollectionLog, type SdkDatabase } from './cloud-store'

export interface WxServerSdk {
  openapi: { ocr: { printedText(request: PrintedTextRequest): Promise<unknown> } }
  downloadFile(options: { fileID: string }): Promise<{ fileContent?: unknown }>
  deleteFile(options: {
    fileList: string[]
  }): Promise<{ fileList?: Array<{ status?: number; errMsg?: string }> }>
  getWXContext(): Record<string, unknown>
  /** Typed loosely by the SDK; narrowed in cloud-store.ts. throwOnNotFound:false makes a miss `data: null`. */
  database(config?: { throwOnNotFound?: boolean }): unknown
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined
}

export function createCloudPort(cloud: WxServerSdk): CloudPort {
  return {
    printedText: (request) => cloud.openapi.ocr.printedText(request),
    async downloadFile(fileID) {
      const { fileContent } = await cloud.downloadFile({ fileID })
      if (!Buffer.isBuffer(fileContent))
        throw new Error('downloadFile returned no fileContent Buffer')
      return fileContent
    },
    async deleteFile(fileID) {
      const { fileList } = await cloud.deleteFile({ fileList: [fileID] })
      const status = fileList?.[0]?.status
      if (status !== undefined && status !== 0) {
        throw new Error(`deleteFile failed: ${fileList?.[0]?.errMsg ?? status}`)
      }
    },
    wxContext(): WxContext {
      const context = cloud.getWXContext()
      const openid = stringOrUndefined(context.OPENID)
      const appid = stringOrUndefined(context.APPID)
      // ENV only when the runtime sets it; DevTools' local debugging may not.
      const env = stringOrUndefined(context.ENV) ?? stringOrUndefined(process.env.SCF_NAMESPACE)
      return {
        ...(openid ? { OPENID: openid } : {}),
        ...(appid ? { APPID: appid } : {}),
        ...(env ? { ENV: env } : {}),
      }
    },
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
