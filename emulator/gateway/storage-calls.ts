// The storage actions behind `cloud.getTempFileURL`, `cloud.downloadFile` (which asks for a temporary URL,
// then GETs it) and `cloud.deleteFile`, answered in the shapes @cloudbase/node-sdk reads.
import { z } from 'zod'

import { newRequestId, tcbError } from './errors'
import type { ActionHandler } from './wire'
import type { LocalStorage } from '../storage/local-storage'

/** The platform's default lifetime of a temporary URL when the caller gives none. */
const DEFAULT_MAX_AGE_SECONDS = 86_400

const DownloadUrlParamsSchema = z.looseObject({
  file_list: z.array(
    z.looseObject({
      fileid: z.string(),
      max_age: z.number().int().nonnegative().optional(),
    }),
  ),
})

const DeleteParamsSchema = z.looseObject({ fileid_list: z.array(z.string()) })

export function batchGetDownloadUrlAction(
  storage: LocalStorage,
  origin: () => string,
): ActionHandler {
  return async (request) => {
    const parsed = DownloadUrlParamsSchema.safeParse(request.wire === 'json' ? request.params : {})
    if (!parsed.success) {
      return { kind: 'tcb-error', body: tcbError('INVALID_PARAM', 'file_list must be [{fileid}]') }
    }
    const downloadList = await Promise.all(
      parsed.data.file_list.map(async ({ fileid, max_age }) => {
        const cloudPath = storage.cloudPathOf(fileid)
        if (cloudPath === undefined || !(await storage.exists(cloudPath))) {
          return {
            code: 'STORAGE_FILE_NONEXIST',
            message: 'storage file not exists',
            fileID: fileid,
            tempFileURL: '',
          }
        }
        const maxAge = max_age ?? DEFAULT_MAX_AGE_SECONDS
        return {
          code: 'SUCCESS',
          fileID: fileid,
          tempFileURL: storage.tempFileUrl(origin(), cloudPath, maxAge),
          max_age: maxAge,
        }
      }),
    )
    return { kind: 'data', requestId: newRequestId(), data: { download_list: downloadList } }
  }
}

export function batchDeleteFileAction(storage: LocalStorage): ActionHandler {
  return async (request) => {
    const parsed = DeleteParamsSchema.safeParse(request.wire === 'json' ? request.params : {})
    if (!parsed.success) {
      return { kind: 'tcb-error', body: tcbError('INVALID_PARAM', 'fileid_list must be [string]') }
    }
    const deleteList = await Promise.all(
      parsed.data.fileid_list.map(async (fileID) => {
        const cloudPath = storage.cloudPathOf(fileID)
        const removed = cloudPath !== undefined && (await storage.remove(cloudPath))
        return { code: removed ? 'SUCCESS' : 'STORAGE_FILE_NONEXIST', fileID }
      }),
    )
    return { kind: 'data', requestId: newRequestId(), data: { delete_list: deleteList } }
  }
}
