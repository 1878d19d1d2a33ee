import { ENGLISH_SENTENCES, PAYMENT_METHODS, RECEIPT_ITEMS } from './phrases'
import { SeededRandom } from './random'
import { measureAdvance } from './render'
import type { LineSpec, TextImageSpec } from './render'

const PHONE = { width: 720, height: 1280 }
const pad = (n: number) => String(n).padStart(2, '0')

/**
 * A shop receipt as a phone shows it: item names and prices in two columns, a date with a time, a
 * payment method, English sentences and a version string. Every line keeps spaces a reader needs
 * (`Coffee Latte`, `2024-06-15 14:32:08`, `Version 2.3.1`), with Chinese labels beside some of them.
 */
export function receiptScreenshot(name: string, seed: number): TextImageSpec {
  const random = new SeededRandom(seed)
  const left = 56
  const right = PHONE.width - 56
  const lines: LineSpec[] = []
  const row = (text: string, baseline: number, size: number, color = '#111', bold = false) =>
    lines.push({ text, x: left, baseline, size, color, bold })
  const rightAligned = (text: string, baseline: number, size: number) =>
    lines.push({
      text,
      x: Math.round(right - measureAdvance(text, size)),
      baseline,
      size,
      color: '#111',
    })

  row(`${random.pick(['Cloud', 'Corner', 'Harbor'])} Cafe 咖啡`, 110, 40, '#111', true)
  const stamp = `2024-${pad(random.int(1, 12))}-${pad(random.int(1, 28))} ${pad(random.int(7, 22))}:${pad(random.int(0, 59))}:${pad(random.int(0, 59))}`
  row(`下单时间 ${stamp}`, 170, 24, '#555')
  row(`Order No. ${random.int(100000, 999999)}`, 214, 24, '#555')
  let baseline = 300
  let total = 0
  for (const item of random.shuffle(RECEIPT_ITEMS).slice(0, random.int(3, 4))) {
    const price = random.int(12, 48)
    total += price
    row(item, baseline, 30)
    rightAligned(`${price}.00`, baseline, 30)
    baseline += 64
  }
  row(`合计 Total`, baseline + 20, 30, '#111', true)
  rightAligned(`${total}.00`, baseline + 20, 30)
  row(`支付方式 ${random.pick(PAYMENT_METHODS)}`, baseline + 100, 26, '#333')
  row(stamp, baseline + 150, 26, '#333')
  const [first, second] = random.shuffle(ENGLISH_SENTENCES)
  row(first ?? '', baseline + 240, 26, '#333')
  row(second ?? '', baseline + 290, 22, '#666')
  row(
    `Version ${random.int(1, 4)}.${random.int(0, 9)}.${random.int(0, 9)}`,
    baseline + 360,
    20,
    '#999',
  )
  return { name, ...PHONE, background: '#ffffff', lines, noise: 2, seed }
}

/** A notice card of English sentences only, as on a sign or a slide. */
export function englishNotice(name: string, seed: number): TextImageSpec {
  const random = new SeededRandom(seed)
  const sentences = random.shuffle(ENGLISH_SENTENCES).slice(0, 5)
  const lines = sentences.map((text, i) => {
    const size = random.int(18, 36)
    return {
      text,
      x: 48,
      baseline: 80 + i * 72,
      size,
      color: random.pick(['#111', '#263238', '#1a237e']),
    }
  })
  return {
    name,
    width: 900,
    height: 80 + sentences.length * 72,
    background: random.pick(['#ffffff', '#fdf6e3', '#e3f2fd']),
    lines,
    rotation: random.range(-2, 2),
    noise: random.int(0, 6),
    seed,
  }
}
