// Which gateway action is answered by what. This map is the seam for more of the platform: the database
// actions (`database.getDocument`, `database.insertDocument`, `database.modifyDocument`,
// `database.removeDocument`, `database.calculateDocument`) are added here as handlers of the same type;
// until then they fail loudly with INVALID_ACTION like any other action.
import type { ActionHandler, ActionHandlers } from './gateway'
import { openApiAction } from './gateway-openapi'
import { batchDeleteFileAction, batchGetDownloadUrlAction } from './gateway-storage'
import type { OcrService } from './ocr-service'
import type { PermissionBook } from './permissions'
import type { LocalStorage } from './storage'

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
