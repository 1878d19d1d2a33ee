// An in-memory CloudPort for the handler's unit tests: it records every call so tests can assert that
// invalid input never reaches the (quota-spending) platform. The real SDK path is tested end to end
// against the emulator in test/e2e.
import type { CloudPort, PrintedTextRequest, WxContext } from '../../src/transport/cloud-port'

export interface InMemoryPort extends CloudPort {
  calls: PrintedTextRequest[]
  downloads: string[]
  deletes: string[]
  files: Map<string, Buffer>
  context: WxContext
  /** What the next printedText calls answer or throw, in order; the last one repeats. */
  script: Array<{ resolve: unknown } | { reject: unknown }>
}

export const SNAKE_REPLY = {
  errcode: 0,
  errmsg: 'ok',
  items: [
    {
      text: '微信团队',
      pos: {
        left_top: { x: 670, y: 516 },
        right_top: { x: 762, y: 517 },
        right_bottom: { x: 762, y: 532 },
        left_bottom: { x: 670, y: 531 },
      },
    },
    {
      text: '腾讯',
      pos: {
        left_top: { x: 575, y: 519 },
        right_top: { x: 744, y: 519 },
        right_bottom: { x: 744, y: 532 },
        left_bottom: { x: 573, y: 532 },
      },
    },
  ],
  img_size: { w: 1280, h: 720 },
}

export const CAMEL_REPLY = {
  errCode: 0,
  errMsg: 'openapi.ocr.printedText:ok',
  items: SNAKE_REPLY.items.map((item) => ({
    text: item.text,
    pos: {
      leftTop: item.pos.left_top,
      rightTop: item.pos.right_top,
      rightBottom: item.pos.right_bottom,
      leftBottom: item.pos.left_bottom,
    },
  })),
  imgSize: SNAKE_REPLY.img_size,
}

/** What wx-server-sdk throws for a WeChat error code. */
export function sdkError(
  errCode: number,
  errmsg = 'fail',
): Error & { errCode: number; errMsg: string } {
  const errMsg = `openapi.ocr.printedText:fail ${errmsg}`
  return Object.assign(new Error(errMsg), { errCode, errMsg })
}

export function createInMemoryPort(
  init: Partial<Pick<InMemoryPort, 'script' | 'context'>> = {},
): InMemoryPort {
  const port: InMemoryPort = {
    calls: [],
    downloads: [],
    deletes: [],
    files: new Map(),
    context: init.context ?? {},
    script: init.script ?? [{ resolve: CAMEL_REPLY }],
    async printedText(request) {
      port.calls.push(request)
      const step = port.script.length > 1 ? port.script.shift() : port.script[0]
      if (step === undefined) throw new Error('no script')
      if ('reject' in step) throw step.reject
      return step.resolve
    },
    async downloadFile(fileID, maxBytes) {
      port.downloads.push(fileID)
      const bytes = port.files.get(fileID)
      if (!bytes) return { kind: 'missing' }
      if (bytes.length > maxBytes) return { kind: 'too-large', atLeastBytes: maxBytes + 1 }
      return { kind: 'bytes', bytes }
    },
    async deleteFile(fileID) {
      port.deletes.push(fileID)
      port.files.delete(fileID)
    },
    wxContext: () => port.context,
  }
  return port
}
