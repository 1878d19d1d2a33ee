// Turns what a person types after `npm run ocr --` into the event the mini program, the console or
// another function would send.
import fs from 'node:fs/promises'
import path from 'node:path'
import { randomUUID } from 'node:crypto'

/** The user `npm run ocr` plays when it uploads a local file, as the mini program's user would. */
export const LOCAL_OPENID = 'oLocalCliUser'

export type OcrTarget =
  { kind: 'file'; path: string } | { kind: 'url'; url: string } | { kind: 'fileID'; fileID: string }

export function parseTarget(arg: string): OcrTarget {
  if (/^https?:\/\//i.test(arg)) return { kind: 'url', url: arg }
  if (arg.startsWith('cloud://')) return { kind: 'fileID', fileID: arg }
  return { kind: 'file', path: path.resolve(arg) }
}

export interface Upload {
  put(cloudPath: string, bytes: Uint8Array): Promise<string>
}

/** The event, and the user to play: a local file is uploaded under that user's prefix first. */
export async function eventFor(
  target: OcrTarget,
  storage: Upload,
): Promise<{ event: Record<string, unknown>; openid?: string }> {
  switch (target.kind) {
    case 'url':
      return { event: { imgUrl: target.url } }
    case 'fileID':
      // A fileID typed by hand is a console-like call: no user, so no upload-prefix check.
      return { event: { fileID: target.fileID } }
    case 'file': {
      const bytes = await fs.readFile(target.path)
      const name = `${Date.now()}-${randomUUID().slice(0, 8)}${path.extname(target.path).toLowerCase()}`
      const fileID = await storage.put(`ocr-uploads/${LOCAL_OPENID}/${name}`, bytes)
      return { event: { fileID, deleteAfter: true }, openid: LOCAL_OPENID }
    }
  }
}
