// Which gateway action is answered by what. This map is the seam for more of the platform: the database
// actions (emulator/database/) join it through startLocalCloud's `actions`; any action in neither fails
// loudly with INVALID_ACTION.
import type { ActionHandler, ActionHandlers } from './wire'
import { openApiAction } from './openapi'
import { batchDeleteFileAction, batchGetDownloadUrlAction } from './storage-calls'
import type { OcrService } from '../ocr-service/service'
import type { PermissionBook } from './permissions'
import type { LocalStorage } from '../storage/local-storage'

export interface ActionDeps {
  ocr: OcrService
  permissions: PermissionBook
  storage: LocalStorage
  origin: () => string
}

export function buildActionHandlers(
  deps: ActionDeps,
  extra: Readonly<Record<string, ActionHandler>> = {},
): ActionHandlers {
  return new Map<string, ActionHandler>([
    ['wx.openApi', openApiAction(deps.ocr, deps.permissions)],
    ['storage.batchGetDownloadUrl', batchGetDownloadUrlAction(deps.storage, deps.origin)],
    ['storage.batchDeleteFile', batchDeleteFileAction(deps.storage)],
    ...Object.entries(extra),
  ])
}
