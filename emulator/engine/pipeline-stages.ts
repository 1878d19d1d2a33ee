// The two stages of the engine's pipeline, as the pipeline runs them and as each line reader provides
// them: the pipeline (paddle-pipeline.ts) and the readers import this, never each other.
import type { Box } from './paddle-runtime'
import type { LineQuad, RgbPixels } from './line-tensor'

export interface ReadLine {
  text: string
  confidence: number
  /** The box to answer, when the reader found a tighter one than the detector's. */
  corners?: LineQuad
}

/** Detection, then recognition of the lines found. */
export interface Stages {
  detect(image: RgbPixels): Promise<Box[]>
  readLines(image: RgbPixels, boxes: readonly Box[]): Promise<ReadLine[]>
}
