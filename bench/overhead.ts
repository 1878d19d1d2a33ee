// Our own cost per call, without the platform: parse the event and normalize a 50-line reply.
import { userUploadPath } from '../emulator/storage/user-upload'
import { parseOcrEvent } from '../src/parse/parse-event'
import { normalizePrintedText } from '../src/normalize/normalize'
import { median, type BenchRow } from './table'

function fiftyLineReply(): unknown {
  const items = Array.from({ length: 50 }, (_, i) => {
    const x = (i % 2) * 600 + 20
    const y = Math.floor(i / 2) * 28 + 10
    return {
      text: `第${i}行 printed text line ${i}`,
      pos: {
        leftTop: { x, y },
        rightTop: { x: x + 500, y: y + 1 },
        rightBottom: { x: x + 500, y: y + 21 },
        leftBottom: { x, y: y + 20 },
      },
    }
  })
  return {
    errCode: 0,
    errMsg: 'openapi.ocr.printedText:ok',
    items: items.reverse(),
    imgSize: { w: 1240, h: 760 },
  }
}

export function benchOverhead(batches = 25, perBatch = 400): BenchRow[] {
  const event = {
    fileID: `cloud://env-1.6c6f-env-1/${userUploadPath('oUser', 'a.png')}`,
    deleteAfter: true,
  }
  const reply = fiftyLineReply()
  const perCall: number[] = []
  for (let b = 0; b < batches; b++) {
    const started = process.hrtime.bigint()
    for (let i = 0; i < perBatch; i++) {
      if (!parseOcrEvent(event).ok || !normalizePrintedText(reply).ok)
        throw new Error('bench input invalid')
    }
    perCall.push(Number(process.hrtime.bigint() - started) / 1e6 / perBatch)
  }
  const ms = median(perCall)
  return [
    {
      name: 'overhead: parse event + normalize 50 lines',
      value: `${(ms * 1000).toFixed(1)} µs`,
      target: '< 100 µs',
      pass: ms < 0.1,
    },
  ]
}
