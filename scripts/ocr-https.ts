// `npm run ocr -- --https <image>`: the same image through the HTTPS client instead of the function, against
// a local cloud. Its token routes accept any AppID and AppSecret unless it was started with LOCALCLOUD_APPID
// and LOCALCLOUD_SECRET; the same variables are read here, so both ends agree either way.
import { readFile } from 'node:fs/promises'

import { createPrintedTextClient } from '../src/https'
import type { OcrReply } from '../src/reply/schema'

/** What an unconfigured local cloud accepts; never a real account's. */
export const LOCAL_APP_ID = 'wx0000000000000000'
export const LOCAL_APP_SECRET = 'localcloud-placeholder-secret'

export interface RecognizeFileViaHttpsOptions {
  /** The local cloud's origin, e.g. http://127.0.0.1:3000. */
  origin: string
  imagePath: string
  /** Default: $LOCALCLOUD_APPID, else a placeholder the unconfigured local cloud accepts. */
  appId?: string
  /** Default: $LOCALCLOUD_SECRET, else a placeholder the unconfigured local cloud accepts. */
  appSecret?: string
}

/**
 * Reads the image and recognizes it through the HTTPS client. A file that cannot be read rejects with the
 * fs error (the command line's mistake, not the platform's); everything after that resolves with a reply.
 */
export async function recognizeFileViaHttps(
  options: RecognizeFileViaHttpsOptions,
): Promise<OcrReply> {
  const img = await readFile(options.imagePath)
  const client = createPrintedTextClient({
    appId: options.appId ?? process.env.LOCALCLOUD_APPID ?? LOCAL_APP_ID,
    appSecret: options.appSecret ?? process.env.LOCALCLOUD_SECRET ?? LOCAL_APP_SECRET,
    baseUrl: options.origin,
  })
  return client.recognize({ img })
}
