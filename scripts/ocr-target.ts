// Turns what a person types after `npm run ocr --` into the event the mini program, the console or
// another function would send.
import fs from 'node:fs/promises'
import path from 'node:path'

import { uploadAsLocalUser, type Upload } from '../emulator/storage/user-upload'

export type OcrTarget =
  { kind: 'file'; path: string } | { kind: 'url'; url: string } | { kind: 'fileID'; fileID: string }

export function parseTarget(arg: string): OcrTarget {
  if (/^https?:\/\//i.test(arg)) return { kind: 'url', url: arg }
  if (arg.startsWith('cloud://')) return { kind: 'fileID', fileID: arg }
  return { kind: 'file', path: path.resolve(arg) }
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
    case 'file':
      return uploadAsLocalUser(storage, await fs.readFile(target.path), target.path)
  }
}
