import { PALETTES } from './palette'
import { ALL_PHRASES } from './phrases'
import { SeededRandom } from './random'
import type { LineSpec, TextImageSpec } from './render'
import { fitText } from './wrap'

/**
 * A card of 3-6 independent lines: random size (14-48 px), colours, slight rotation (±3°) and grain.
 * Lines are spaced apart so each is one text line to a detector, as in a poster or a label.
 */
export function randomTextCard(name: string, seed: number): TextImageSpec {
  const random = new SeededRandom(seed)
  const palette = random.pick(PALETTES)
  const width = random.int(48, 96) * 10
  const margin = 48
  const lines: LineSpec[] = []
  const count = random.int(3, 6)
  let baseline = margin
  for (let i = 0; i < count; i++) {
    const size = random.int(14, 48)
    baseline += Math.round(size * random.range(1.5, 2.1))
    const x = margin + random.int(0, 40)
    const text = fitText(random.pick(ALL_PHRASES), size, width - x - margin)
    lines.push({
      text,
      x,
      baseline,
      size,
      color: random.pick(palette.ink),
      bold: random.next() < 0.2,
    })
  }
  return {
    name,
    width,
    height: baseline + margin + 16,
    background: palette.background,
    lines,
    rotation: random.range(-3, 3),
    noise: random.int(0, 10),
    seed,
  }
}
