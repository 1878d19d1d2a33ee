// The one seam between the mini program and the core: type-only re-exports, erased when DevTools compiles
// this file, so nothing outside miniprogramRoot is ever loaded at run time while the reply contract is
// still checked against the schemas the cloud function uses. test/miniprogram/imports.test.ts keeps every
// import that leaves miniprogram/ type-only.
export type { ErrorCode } from '../../src/errors/catalog'
export type {
  ImageSize,
  OcrError,
  OcrFailure,
  OcrItem,
  OcrReply,
  OcrSuccess,
  Quad,
} from '../../src/reply/schema'
export type { UploadPrefixReply } from '../../src/parse/upload-prefix'
