import { CHINESE_PHRASES, ENGLISH_PHRASES, MIXED_PHRASES } from './phrases'
import { SeededRandom } from './random'
import type { LineSpec, RectSpec, TextImageSpec } from './render'
import { measureAdvance } from './render'
import { wrapText } from './wrap'

const PHONE = { width: 720, height: 1280 }
const CONTACTS = ['项目讨论群', '张老师', 'Design Team', '家人群', 'Alice Wang']
const TIMES = ['昨天 18:30', '上午 9:05', '星期三 21:14', '12:48']

/** A WeChat-like chat: status bar, title, timestamps and wrapped bubbles on both sides. */
export function chatScreenshot(name: string, seed: number): TextImageSpec {
  const random = new SeededRandom(seed)
  const rects: RectSpec[] = [
    { x: 0, y: 0, w: PHONE.width, h: 140, fill: '#ededed' },
    { x: 0, y: 1180, w: PHONE.width, h: 100, fill: '#f7f7f7' },
    { x: 90, y: 1200, w: 540, h: 60, fill: '#ffffff', radius: 8 },
  ]
  const clock = `${random.int(8, 23)}:${random.int(10, 59)}`
  const title = {
    text: random.pick(CONTACTS),
    x: 0,
    baseline: 108,
    size: 32,
    color: '#111',
    bold: true,
  }
  const lines: LineSpec[] = [
    { text: clock, x: 28, baseline: 40, size: 22, color: '#000' },
    centre(title, PHONE.width),
  ]
  let top = 170
  const messages = [...CHINESE_PHRASES, ...ENGLISH_PHRASES, ...MIXED_PHRASES]
  while (top < 1040) {
    if (random.next() < 0.3) {
      const stamp: LineSpec = {
        text: random.pick(TIMES),
        x: 0,
        baseline: top + 24,
        size: 20,
        color: '#999',
      }
      lines.push(centre(stamp, PHONE.width))
      top += 56
    }
    const mine = random.next() < 0.5
    const size = 28
    const text = random.pick(messages) + (random.next() < 0.4 ? random.pick(messages) : '')
    const wrapped = wrapText(text, size, 420)
    const bubbleWidth = Math.max(...wrapped.map((line) => measureAdvance(line, size))) + 44
    const bubbleHeight = wrapped.length * 42 + 30
    if (top + bubbleHeight > 1160) break
    const avatarX = mine ? PHONE.width - 100 : 24
    const bubbleX = mine ? avatarX - 20 - bubbleWidth : 124
    rects.push({
      x: avatarX,
      y: top,
      w: 76,
      h: 76,
      fill: random.pick(['#8bc34a', '#03a9f4', '#ff9800']),
      radius: 8,
    })
    rects.push({
      x: bubbleX,
      y: top,
      w: bubbleWidth,
      h: bubbleHeight,
      fill: mine ? '#95ec69' : '#ffffff',
      radius: 10,
    })
    wrapped.forEach((text, i) => {
      lines.push({ text, x: bubbleX + 22, baseline: top + 46 + i * 42, size, color: '#111' })
    })
    top += bubbleHeight + 36
  }
  return { name, ...PHONE, background: '#ededed', rects, lines, noise: 2, seed }
}

const SETTINGS: ReadonlyArray<[string, string]> = [
  ['消息通知', '已开启'],
  ['存储空间', '128 MB'],
  ['当前版本', 'v2.6.1'],
  ['语言', '简体中文'],
  ['Dark mode', 'Off'],
  ['自动下载', '仅 WiFi'],
  ['隐私设置', '好友可见'],
  ['Account ID', 'wx2024ocr'],
]

/** A settings screen: a title, section headers, label/value rows and a filled button. */
export function settingsScreenshot(name: string, seed: number): TextImageSpec {
  const random = new SeededRandom(seed)
  const rects: RectSpec[] = [{ x: 0, y: 0, w: PHONE.width, h: 120, fill: '#ffffff' }]
  const lines: LineSpec[] = [
    centre({ text: '设置', x: 0, baseline: 84, size: 34, color: '#111', bold: true }, PHONE.width),
  ]
  let top = 150
  const rows = random.shuffle(SETTINGS)
  for (const [section, slice] of [
    ['通用', rows.slice(0, 4)],
    ['Account', rows.slice(4)],
  ] as const) {
    lines.push({ text: section, x: 32, baseline: top + 30, size: 22, color: '#888' })
    top += 48
    rects.push({ x: 0, y: top, w: PHONE.width, h: slice.length * 96, fill: '#ffffff' })
    slice.forEach(([label, value], i) => {
      const baseline = top + i * 96 + 58
      lines.push({ text: label, x: 32, baseline, size: 30, color: '#111' })
      const valueX = PHONE.width - 60 - measureAdvance(value, 26)
      lines.push({ text: value, x: valueX, baseline, size: 26, color: '#888' })
      if (i > 0) rects.push({ x: 32, y: top + i * 96, w: PHONE.width - 32, h: 1, fill: '#e5e5e5' })
    })
    top += slice.length * 96 + 40
  }
  rects.push({ x: 60, y: top + 40, w: PHONE.width - 120, h: 88, fill: '#07c160', radius: 12 })
  lines.push(
    centre({ text: '保存修改', x: 0, baseline: top + 96, size: 32, color: '#ffffff' }, PHONE.width),
  )
  return { name, ...PHONE, background: '#f2f2f2', rects, lines, noise: 2, seed }
}

function centre(line: LineSpec, width: number): LineSpec {
  return { ...line, x: Math.round((width - measureAdvance(line.text, line.size, line.bold)) / 2) }
}
