import { measureAdvance } from './render'

// Chinese typesetting never starts a line with closing punctuation; it hangs at the end instead.
const CLOSING_PUNCTUATION = /^[，。、；：！？）」』》,.;:!?)]/u

/**
 * Breaks text into lines no wider than maxWidth: between any two Chinese characters, and at spaces
 * in Latin text; closing punctuation may hang past the width. Each returned line is trimmed, as it is
 * the text a reader would see on that line.
 */
export function wrapText(text: string, size: number, maxWidth: number, bold = false): string[] {
  const tokens = text.match(/[A-Za-z0-9.,:;!?'"()/-]+\s*|\s+|./gu) ?? []
  const lines: string[] = []
  let current = ''
  for (const token of tokens) {
    const candidate = current + token
    const tooWide = measureAdvance(candidate.trimEnd(), size, bold) > maxWidth
    if (current !== '' && tooWide && !CLOSING_PUNCTUATION.test(token)) {
      lines.push(current.trim())
      current = token.trimStart()
    } else {
      current = candidate
    }
  }
  if (current.trim() !== '') lines.push(current.trim())
  return lines
}

/** Cuts a line down (by characters) until it fits, for layouts that want exactly one line. */
export function fitText(text: string, size: number, maxWidth: number, bold = false): string {
  let fitted = text
  while (fitted.length > 1 && measureAdvance(fitted, size, bold) > maxWidth) {
    fitted = fitted.slice(0, -1).trimEnd()
  }
  return fitted
}
