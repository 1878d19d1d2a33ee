import type { RecognitionScore } from './score'

export interface CorpusScore {
  /** Share of truth characters read right, whitespace left out. */
  accuracy: number
  /** The same with spaces kept: a dropped or extra space is an error. */
  accuracyWithSpaces: number
  /** Share of truth lines matched by a line box with polygon IoU >= 0.5. */
  lineRecall: number
  extraLines: number
}

/** Sums per-image scores into the corpus numbers the accuracy test and the bench report. */
export function summarizeScores(scores: readonly RecognitionScore[]): CorpusScore {
  const sum = (field: keyof Omit<RecognitionScore, 'mismatches'>) =>
    scores.reduce((total, score) => total + score[field], 0)
  return {
    accuracy: 1 - sum('charErrors') / sum('truthChars'),
    accuracyWithSpaces: 1 - sum('charErrorsWithSpaces') / sum('truthCharsWithSpaces'),
    lineRecall: sum('foundLines') / sum('truthLines'),
    extraLines: sum('extraLines'),
  }
}
