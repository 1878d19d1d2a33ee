import { CHINESE_PHRASES, ENGLISH_PHRASES, MIXED_PHRASES } from './phrases'
import { SeededRandom } from './random'
import { measureAdvance } from './render'
import type { LineSpec, TextImageSpec } from './render'
import { fitText, wrapText } from './wrap'

/** A 1280x720 slide-like scene: a title, a subtitle, bullet lines and a footer on a gradient. */
export function slideScene(name = 'scene-1280x720', seed = 720): TextImageSpec {
  const random = new SeededRandom(seed)
  const lines: LineSpec[] = [
    {
      text: '云开发文字识别 Printed Text OCR',
      x: 96,
      baseline: 130,
      size: 48,
      color: '#0d47a1',
      bold: true,
    },
    {
      text: fitText(random.pick(ENGLISH_PHRASES), 28, 1000),
      x: 96,
      baseline: 190,
      size: 28,
      color: '#37474f',
    },
  ]
  const bullets = random.shuffle([...CHINESE_PHRASES, ...MIXED_PHRASES]).slice(0, 6)
  bullets.forEach((text, i) => {
    const size = i % 2 === 0 ? 30 : 26
    lines.push({
      text: `${i + 1}. ${text}`,
      x: 120,
      baseline: 280 + i * 62,
      size,
      color: '#212121',
    })
  })
  lines.push({
    text: 'Confidential 2024 第 7 页',
    x: 96,
    baseline: 680,
    size: 16,
    color: '#607d8b',
  })
  return {
    name,
    width: 1280,
    height: 720,
    background: { from: '#e3f2fd', to: '#fffde7' },
    lines,
    rotation: random.range(-1.5, 1.5),
    noise: 6,
    seed,
  }
}

const A4 = { width: 1240, height: 1754, margin: 100 }

/**
 * An A4 page at 150 dpi: a title and ~38 lines of body text in Chinese and English paragraphs, the
 * densest image the emulator is expected to see.
 */
export function a4Page(name = 'a4-page', seed = 4): TextImageSpec {
  const random = new SeededRandom(seed)
  const textWidth = A4.width - 2 * A4.margin
  const title = '云函数文字识别服务说明 OCR Service Notes'
  const titleX = Math.round((A4.width - measureAdvance(title, 36, true)) / 2)
  const lines: LineSpec[] = [
    { text: title, x: titleX, baseline: A4.margin + 36, size: 36, color: '#111', bold: true },
  ]
  let baseline = A4.margin + 100
  let paragraph = 0
  while (baseline < A4.height - A4.margin) {
    const english = paragraph % 3 === 2
    const linesInParagraph = random.int(3, 6)
    for (let i = 0; i < linesInParagraph && baseline < A4.height - A4.margin; i++) {
      const indent = i === 0 ? (english ? 40 : 44) : 0
      const text = english
        ? paragraphLine(random, ENGLISH_PHRASES, ' ', textWidth - indent)
        : paragraphLine(random, [...CHINESE_PHRASES, ...MIXED_PHRASES], '，', textWidth - indent)
      lines.push({ text, x: A4.margin + indent, baseline, size: 22, color: '#222' })
      baseline += 36
    }
    baseline += 12
    paragraph++
  }
  return {
    name,
    ...A4,
    background: '#fbfaf7',
    lines,
    rotation: random.range(-0.6, 0.6),
    noise: 4,
    seed,
  }
}

/** Joins phrases until the line is full, then breaks it where a typesetter would. */
function paragraphLine(
  random: SeededRandom,
  phrases: readonly string[],
  separator: string,
  width: number,
): string {
  let text = random.pick(phrases)
  while (measureAdvance(text, 22) < width) text += separator + random.pick(phrases)
  return wrapText(text, 22, width)[0] ?? text
}
