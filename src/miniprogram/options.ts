// recognizePhoto's options, each declared once with its doc, and their defaults filled in one place.
import type { CloudEnv } from './cloud-target'
import { DEFAULT_COMPRESS_POLICY, type CompressPolicy } from './compress-policy'
import type { PhotoSource, WxPort } from './wx-port'

export type Stage = 'compressing' | 'uploading' | 'recognizing'

export interface RecognizePhotoOptions {
  /** The cloud function's name in your environment. Default `ocrPrintedText`. */
  functionName?: string
  /**
   * The environment: an env id, or an instance of `wx.cloud.Cloud` already `init()`ed. Default: the
   * one `wx.cloud.init` chose.
   */
  env?: CloudEnv
  /** Where the picker may take a photo from. Default both: `['album', 'camera']`. */
  sourceType?: PhotoSource[]
  /** How far a photo is shrunk to get under the platform's 2 MB. Default DEFAULT_COMPRESS_POLICY. */
  compress?: CompressPolicy
  /** Have the function delete the upload once it has read it, so no photo is kept. Default true. */
  deleteAfter?: boolean
  /** A photo the app already has (a temp or user file): no picker. */
  filePath?: string
  /** Called as each stage starts; 'compressing' only when the photo needs it. */
  onStage?: (stage: Stage) => void
  /** The `wx` to use; default the global one (tests pass their own). */
  wx?: WxPort
  /** For upload names: the clock and the randomness (tests pass fixed ones). */
  now?: () => number
  random?: () => number
}

export type ResolvedOptions = Required<Omit<RecognizePhotoOptions, 'filePath' | 'env' | 'wx'>> &
  Pick<RecognizePhotoOptions, 'filePath' | 'env'>

export const DEFAULT_FUNCTION_NAME = 'ocrPrintedText'

export function resolveOptions(options: RecognizePhotoOptions): ResolvedOptions {
  return {
    functionName: options.functionName || DEFAULT_FUNCTION_NAME,
    env: options.env,
    sourceType: options.sourceType ?? ['album', 'camera'],
    compress: options.compress ?? DEFAULT_COMPRESS_POLICY,
    deleteAfter: options.deleteAfter ?? true,
    filePath: options.filePath,
    onStage: options.onStage ?? (() => undefined),
    now: options.now ?? Date.now,
    random: options.random ?? Math.random,
  }
}
