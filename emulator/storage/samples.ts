// The files the local cloud has from the start, so that the sample events in test/events/ answer real
// text: an image with the seed example's lines (腾讯 / 微信团队), stored where a console call and a mini
// program user may read it, and served at a fixed path for imgUrl samples. The samples are written for
// `npm start`'s defaults; `localizeSample` points them at a cloud started with other settings.
import { readFileSync } from 'node:fs'
import path from 'node:path'

import type { LocalStorage } from './local-storage'
import { userUploadPath } from './user-upload'

export const SAMPLE_IMAGE_FILE = path.join(__dirname, 'samples', 'seed-notice.png')
/** The lines the sample image shows, top to bottom. */
export const SAMPLE_IMAGE_LINES = ['腾讯', '微信团队'] as const
/** The user of test/events/from-mini-program.json. */
export const SAMPLE_OPENID = 'oTestUser0001'
export const SAMPLE_CLOUD_PATHS = [
  'samples/seed-notice.png',
  userUploadPath(SAMPLE_OPENID, 'seed-notice.png'),
] as const
/** Served by the playground's routes: what the imgUrl samples name. */
export const SAMPLE_IMAGE_URL_PATH = '/__playground/samples/seed-notice.png'

/** What the samples are written for: `npm start` with no settings. */
export const SAMPLE_DEFAULTS = {
  origin: 'http://127.0.0.1:3000',
  envId: 'local-env',
  bucket: '6c6f-local-env-1250000000',
} as const

/** Writes the sample files into storage (again at every start, so a deleted one comes back). */
export async function seedSampleFiles(storage: LocalStorage): Promise<string[]> {
  const bytes = readFileSync(SAMPLE_IMAGE_FILE)
  return Promise.all(SAMPLE_CLOUD_PATHS.map((cloudPath) => storage.put(cloudPath, bytes)))
}

/** A sample event's text with the defaults replaced by this cloud's origin, env and bucket. */
export function localizeSample(
  text: string,
  cloud: { origin: string; envId: string; bucket: string },
): string {
  return text
    .replaceAll(SAMPLE_DEFAULTS.origin, cloud.origin)
    .replaceAll(
      `${SAMPLE_DEFAULTS.envId}.${SAMPLE_DEFAULTS.bucket}`,
      `${cloud.envId}.${cloud.bucket}`,
    )
}
