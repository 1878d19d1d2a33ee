// Renders the page from its real files: WXML compiled by the official compiler, the TypeScript page run
// through jest's transform, its Component() call caught by miniprogram-simulate. `wx` is simulate's own
// global with the calls under test replaced by mocks; nothing but wx.* is mocked.
import { jest } from '@jest/globals'
import path from 'node:path'
import simulate from 'miniprogram-simulate'
import type { FakePrivacy } from './fake-privacy'
import type { FakeWx } from './fake-wx'

export const MINIPROGRAM_ROOT = path.join(__dirname, '../../../miniprogram')
const INDEX_PAGE = path.join(MINIPROGRAM_ROOT, 'pages/index/index')

type Rendered = ReturnType<typeof simulate.render>

export interface PageDriver {
  /** The page's data as the template sees it. */
  data(): { busy: boolean; activeIndex: number }
  /** Every node matching the selector, as the DOM renders it. */
  nodes(selector: string): HTMLElement[]
  texts(selector: string): string[]
  /** A template attribute as the component received it (built-ins keep `src`, `disabled` off the DOM). */
  attr(selector: string, name: string, at?: number): unknown
  /** Taps and lets the handler run: j-component delivers events asynchronously. */
  tap(selector: string, at?: number): Promise<void>
  /** Any other event, by its name in the template (agreeprivacyauthorization for bind...). */
  fire(selector: string, event: string, at?: number): Promise<void>
  /** Waits until the flow the last tap started has finished and the page is idle again. */
  settle(): Promise<void>
  /** Lets pending promise callbacks run without waiting for the flow to finish. */
  flush(): Promise<void>
}

export interface PageWx {
  setClipboardData: jest.Mock<(options: { data: string }) => Promise<{ errMsg: string }>>
  onNeedPrivacyAuthorization: FakePrivacy['onNeedPrivacyAuthorization']
  openPrivacyContract: jest.Mock<(options: { fail: (error: { errMsg: string }) => void }) => void>
}

/** Installs the fake onto simulate's `wx`, plus the calls only the page makes. */
export function installWx(fake: FakeWx, windowWidth: number, privacy: FakePrivacy): PageWx {
  const pageWx: PageWx = {
    setClipboardData: jest.fn(async () => ({ errMsg: 'setClipboardData:ok' })),
    onNeedPrivacyAuthorization: privacy.onNeedPrivacyAuthorization,
    openPrivacyContract: jest.fn(),
  }
  Object.assign(wx, fake, pageWx, {
    getWindowInfo: () => ({ windowWidth, windowHeight: 800, pixelRatio: 2 }),
  })
  return pageWx
}

/** simulate prefixes every class with the component's tag name ("main--box"). */
export function classesOf(node: HTMLElement): string[] {
  return (node.getAttribute('class') ?? '')
    .split(/\s+/)
    .filter((name) => name !== '')
    .map((name) => name.replace(/^[\w-]*?--/, ''))
}

// Loaded once per test file: simulate runs the page module through require, and jest's module registry
// keeps it, so a second load would find Component() never called again.
let pageId: string | undefined

export function renderIndexPage(): PageDriver {
  pageId ??= simulate.load(INDEX_PAGE, { rootPath: MINIPROGRAM_ROOT })
  const page: Rendered = simulate.render(pageId)
  // A page is attached when it opens; render() alone does not run `attached` (env check, privacy).
  page.triggerLifeTime('attached')
  const all = (selector: string): Rendered[] => page.querySelectorAll(selector)
  const driver: PageDriver = {
    data: () => page.data as { busy: boolean; activeIndex: number },
    nodes: (selector) =>
      all(selector).flatMap((node) => (node.dom === undefined ? [] : [node.dom])),
    texts: (selector) => driver.nodes(selector).map((node) => (node.textContent ?? '').trim()),
    attr: (selector, name, at = 0) => {
      const attrs = all(selector)[at]?.toJSON().attrs ?? []
      const found: unknown = attrs.find((attr) => attr.name === name)?.value
      return found
    },
    tap: (selector, at = 0) => driver.fire(selector, 'tap', at),
    fire: async (selector, event, at = 0) => {
      const node = all(selector)[at]
      if (node === undefined) throw new Error(`nothing matches ${selector} at ${at}`)
      node.dispatchEvent(event)
      await simulate.sleep(0)
    },
    flush: async () => {
      for (let i = 0; i < 10; i += 1) await simulate.sleep(0)
    },
    settle: async () => {
      for (let i = 0; i < 200; i += 1) {
        await simulate.sleep(0)
        if (!driver.data().busy) return
      }
      throw new Error('the page stayed busy')
    },
  }
  return driver
}

/** Reads "left: 1px; top: 2px; ..." back into numbers. */
export function pxStyle(node: HTMLElement): Record<string, number> {
  const style: Record<string, number> = {}
  for (const declaration of (node.getAttribute('style') ?? '').split(';')) {
    const match = /^\s*([\w-]+)\s*:\s*(-?[\d.]+)px\s*$/.exec(declaration)
    if (match?.[1] !== undefined && match[2] !== undefined) style[match[1]] = Number(match[2])
  }
  return style
}
