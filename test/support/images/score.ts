import { convexIoU } from './polygon'
import type { Corners, ImageTruth } from './truth'

export interface RecognizedLine {
  text: string
  corners: Corners
}

export interface RecognitionScore {
  truthLines: number
  /** Truth lines matched one-to-one by a recognized line with IoU >= recallIoU. */
  foundLines: number
  /** Recognized lines that overlap no truth line: each of their characters counts as an error. */
  extraLines: number
  /** Characters of the truth, whitespace left out. */
  truthChars: number
  /** Edit distance over matched pairs, plus the length of every missed or extra line; whitespace left out. */
  charErrors: number
  /** The same two counts with spaces kept (runs of whitespace count as one space): a dropped space is an error. */
  truthCharsWithSpaces: number
  charErrorsWithSpaces: number
  /** Per-line detail for failure messages. */
  mismatches: Array<{ truth: string; got: string; iou: number }>
}

/** The platform's item shape, declared here so tests of any layer (SDK, HTTPS, engine) can score it. */
export interface WireLikeItem {
  text: string
  pos: Record<'left_top' | 'right_top' | 'right_bottom' | 'left_bottom', { x: number; y: number }>
}

export function wireItemsToLines(items: readonly WireLikeItem[]): RecognizedLine[] {
  return items.map(({ text, pos }) => ({
    text,
    corners: [pos.left_top, pos.right_top, pos.right_bottom, pos.left_bottom],
  }))
}

export interface ScoreOptions {
  /** IoU at which a truth line counts as found (recall). */
  recallIoU?: number
  /** Lowest IoU at which a recognized line's text is still compared with a truth line. */
  textIoU?: number
}

/**
 * Compares an engine's lines with the truth. Pairs are made greedily, highest polygon IoU first, one
 * recognized line per truth line. Text is compared twice: without whitespace (what was read) and with
 * spaces (what a reader sees: `CoffeeLatte` is one error against `Coffee Latte`).
 */
export function scoreRecognition(
  truth: ImageTruth,
  recognized: readonly RecognizedLine[],
  options: ScoreOptions = {},
): RecognitionScore {
  const recallIoU = options.recallIoU ?? 0.5
  const textIoU = options.textIoU ?? 0.2
  const pairs: Array<{ t: number; r: number; iou: number }> = []
  truth.lines.forEach((line, t) => {
    recognized.forEach((candidate, r) => {
      const iou = convexIoU(line.corners, candidate.corners)
      if (iou >= textIoU) pairs.push({ t, r, iou })
    })
  })
  pairs.sort((a, b) => b.iou - a.iou)
  const truthMatch = new Map<number, { r: number; iou: number }>()
  const usedRecognized = new Set<number>()
  for (const pair of pairs) {
    if (truthMatch.has(pair.t) || usedRecognized.has(pair.r)) continue
    truthMatch.set(pair.t, { r: pair.r, iou: pair.iou })
    usedRecognized.add(pair.r)
  }

  const score: RecognitionScore = {
    truthLines: truth.lines.length,
    foundLines: 0,
    extraLines: 0,
    truthChars: 0,
    charErrors: 0,
    truthCharsWithSpaces: 0,
    charErrorsWithSpaces: 0,
    mismatches: [],
  }
  truth.lines.forEach((line, t) => {
    const match = truthMatch.get(t)
    const gotText = match ? (recognized[match.r]?.text ?? '') : ''
    const want = comparable(line.text)
    const wantSpaced = spaced(line.text)
    score.truthChars += want.length
    score.truthCharsWithSpaces += wantSpaced.length
    if (match && match.iou >= recallIoU) score.foundLines++
    const errors = editDistance(want, comparable(gotText))
    const errorsSpaced = editDistance(wantSpaced, spaced(gotText))
    score.charErrors += errors
    score.charErrorsWithSpaces += errorsSpaced
    if (errorsSpaced > 0 || !match || match.iou < recallIoU) {
      score.mismatches.push({
        truth: line.text,
        got: recognized[match?.r ?? -1]?.text ?? '',
        iou: match?.iou ?? 0,
      })
    }
  })
  recognized.forEach((line, r) => {
    if (usedRecognized.has(r)) return
    score.extraLines++
    score.charErrors += comparable(line.text).length
    score.charErrorsWithSpaces += spaced(line.text).length
    score.mismatches.push({ truth: '', got: line.text, iou: 0 })
  })
  return score
}

/** Code points without whitespace. */
function comparable(text: string): string[] {
  return Array.from(text.replace(/\s+/gu, ''))
}

/** Code points with each run of whitespace as one space, none at either end. */
function spaced(text: string): string[] {
  return Array.from(text.trim().replace(/\s+/gu, ' '))
}

/** Levenshtein distance over code points. */
export function editDistance(a: readonly string[], b: readonly string[]): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1)
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution))
    }
    previous = current
  }
  return previous[b.length] ?? 0
}
