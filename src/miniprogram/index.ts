// The package's mini program half (package.json `miniprogram`, built to miniprogram_dist/index.js):
// `const { recognizePhoto } = require('wx-ocr-printed-text')` in a mini program. The component
// ocr-photo (miniprogram_dist/ocr-photo) is built from ./ocr-photo and uses this module at run time.
export {
  recognizePhoto,
  type PhotoFailure,
  type PhotoReply,
  type PhotoSuccess,
} from './recognize-photo'
export { DEFAULT_FUNCTION_NAME, type RecognizePhotoOptions, type Stage } from './options'
export { DEFAULT_COMPRESS_POLICY, type CompressPolicy, type CompressStep } from './compress-policy'
export type { CloudEnv } from './cloud-target'
export type { PreparedPhoto } from './prepare-photo'
export type { PhotoSource, WxCloudPort, WxPort } from './wx-port'
export { isOcrReply, isOcrError, isUploadPrefixReply } from './reply-shape'
export { LOCAL_ERRORS, type LocalErrorCode, type ShownError } from './shown-error'
export { CLOUD_FAILURES, type CloudFailureCode } from './cloud-failure-table'
export { envProblem, startCloud, PLACEHOLDER_ENV, type CloudStartPort } from './cloud-env'
export { layoutBoxes, boxStyle, heightRatio, type Box } from './box-layout'
export { copyText } from './copy-text'
export {
  watchPrivacy,
  openPrivacyContract,
  privacyFailure,
  AGREE_BUTTON_ID,
  type PrivacyGate,
  type PrivacyPort,
} from './privacy'
// The reply's types, as the core declares them (core-types.ts holds types only: nothing reaches the bundle).
export type * from './core-types'
