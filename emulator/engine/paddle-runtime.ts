// paddleocr ships a CommonJS build, but its package.json points every condition's types at the ESM
// declarations, so TypeScript refuses a plain import from this CommonJS project. We take the types from
// the ESM view and the code from the CommonJS build, which is the same API.
type PaddleModule = typeof import('paddleocr', { with: { 'resolution-mode': 'import' } })

export type {
  Box,
  Image,
  OrtInferenceSession,
  OrtModule,
  RecognitionResult,
} from 'paddleocr' with { 'resolution-mode': 'import' }

// eslint-disable-next-line @typescript-eslint/no-require-imports
export const paddle = require('paddleocr') as PaddleModule
