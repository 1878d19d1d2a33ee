// A user's upload, made as the mini program makes it: the file stored in the user's folder of the
// function's default upload prefix, then an event that names it and asks for it to be deleted after.
// `npm run ocr <file>` and the playground's upload both play LOCAL_OPENID this way; the seeded samples and
// the tests' uploads use the same folders, so none of them can drift from the function's rule.
import { randomUUID } from 'node:crypto'
import path from 'node:path'

import { DEFAULT_UPLOAD_PREFIX, fillUploadPrefix } from '../../src/parse/upload-prefix'

/** The user `npm run ocr` and the playground play when they upload a local file. */
export const LOCAL_OPENID = 'oLocalCliUser'

export interface Upload {
  put(cloudPath: string, bytes: Uint8Array): Promise<string>
}

/** Where the function's default prefix lets `openid` keep the file `name`. */
export function userUploadPath(openid: string, name: string): string {
  return `${fillUploadPrefix(DEFAULT_UPLOAD_PREFIX, openid)}${name}`
}

/** A short plain extension of a name someone chose, or none. */
function extensionOf(name: string | undefined): string {
  const ext = path.extname(name ?? '').toLowerCase()
  return /^\.[a-z0-9]{1,5}$/.test(ext) ? ext : ''
}

/** Stores the bytes as LOCAL_OPENID's upload under a fresh name, and gives the event to run as that user. */
export async function uploadAsLocalUser(
  storage: Upload,
  bytes: Uint8Array,
  fileName: string | undefined,
): Promise<{ event: { fileID: string; deleteAfter: true }; openid: string }> {
  const name = `${Date.now()}-${randomUUID().slice(0, 8)}${extensionOf(fileName)}`
  const fileID = await storage.put(userUploadPath(LOCAL_OPENID, name), bytes)
  return { event: { fileID, deleteAfter: true }, openid: LOCAL_OPENID }
}
