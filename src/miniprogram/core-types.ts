// The one seam between the mini program half and the core's reply contract: type-only re-exports,
// erased by the build, so none of the core's code (zod included) reaches the mini program bundle while
// the reply it reads is still checked against the schemas the cloud function uses.
export type { ErrorCode } from '../errors/catalog'
export type {
  ImageSize,
  OcrError,
  OcrFailure,
  OcrItem,
  OcrReply,
  OcrSuccess,
  Quad,
} from '../reply/schema'
export type { UploadPrefixReply } from '../parse/upload-prefix'
