// `<package>/schemas`: the zod schemas behind the public types, for code that checks replies, events or
// upload-prefix messages itself (a server relaying replies, a test). This entry imports zod, an optional
// peer dependency the consumer installs; the main entry bundles its own and never names it in its types.
export {
  PointSchema,
  QuadSchema,
  OcrItemSchema,
  ImageSizeSchema,
  OcrSuccessSchema,
  ErrorCodeSchema,
  OcrErrorSchema,
  OcrFailureSchema,
  OcrReplySchema,
} from './reply/schema'
export { OcrEventSchema } from './parse/event-schema'
export { UploadPrefixRequestSchema, UploadPrefixReplySchema } from './parse/upload-prefix'
