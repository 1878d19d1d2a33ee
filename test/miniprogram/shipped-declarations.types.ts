// Checked by `tsc -p miniprogram/tsconfig.json`, never run: what a TypeScript mini program gets from the
// package's .d.ts files (miniprogram_npm, as DevTools resolves `wx-ocr-printed-text`). The codes must
// stay literal unions: declarations that widened them to `string` would accept any typo below.
import type {
  ErrorCode,
  LocalErrorCode,
  PhotoReply,
  RecognizePhotoOptions,
} from 'wx-ocr-printed-text'
import type { OcrPhotoErrorDetail, OcrPhotoProperties } from 'wx-ocr-printed-text/ocr-photo'

export const known: ErrorCode = 'IMAGE_TOO_LARGE'
// @ts-expect-error not a code of the catalog
export const typo: ErrorCode = 'IMAGE_TOO_BIG'
export const local: LocalErrorCode = 'TOO_LARGE_AFTER_COMPRESSION'
// @ts-expect-error not a local code
export const localTypo: LocalErrorCode = 'TOO_LARGE'
// @ts-expect-error the error a page hears carries a code of one of the three tables
export const detailTypo: OcrPhotoErrorDetail['code'] = 'SOMETHING'

export const options: RecognizePhotoOptions = { functionName: 'ocr', sourceType: ['camera'] }
// @ts-expect-error the picker knows only album and camera
export const badSource: RecognizePhotoOptions = { sourceType: ['files'] }
export const properties: OcrPhotoProperties = { env: 'prod-3g5x1a2b' }

export function lines(reply: PhotoReply | null): string[] {
  if (reply === null || !reply.ok) return []
  return reply.items.map((item) => item.text)
}
