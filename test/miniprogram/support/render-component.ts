// Renders <ocr-photo> from what a mini program gets: the sample's miniprogram_npm (npm run build: the
// package's miniprogram_dist/ through packNpmManually), its WXML compiled by the official compiler, its
// JavaScript run as built, its Component() call caught by miniprogram-simulate. `wx` is simulate's own
// global with the calls under test replaced by mocks; nothing but wx.* is mocked.
import { jest } from '@jest/globals'
import path from 'node:path'
import simulate from 'miniprogram-simulate'
import type { FakePrivacy } from './fake-privacy'
import type { FakeWx } from './fake-wx'

export const SAMPLE_NPM_PACKAGE = path.join(
  __dirname,
  '../../../miniprogram/miniprogram_npm/wx-ocr-printed-text',
)
const COMPONENT = path.join(SAMPLE_NPM_PACKAGE, 'ocr-photo/index')

type Rendered = ReturnType<typeof simulate.render>

export type ComponentEvent = 'result' | 'error' | 'cancel'

export interface ComponentDriver {
  /** Every node matching the selector, as the DOM renders it. */
  nodes(selector: string): HTMLElement[]
  texts(selector: string): string[]
  /** A template attribute as the component received it (built-ins keep `src`, `disabled` off the DOM). */
  attr(selector: string, name: string, at?: number): unknown
  /** Dispatches a tap; j-component delivers it on its next turn, awaited here. */
  tap(selector: string, at?: number): Promise<void>
  /** Any other event, by its name in the template (agreeprivacyauthorization for bind...). */
  fire(selector: string, event: string, at?: number): Promise<void>
  /** The detail of the next time the component triggers `event`. */
  next(event: ComponentEvent): Promise<unknown>
  /** Every detail the component triggered, by event, in order. */
  events: Record<ComponentEvent, unknown[]>
  /** The component's methods, as a page's selectComponent() returns them. */
  instance(): { useCloud(cloud: unknown): void }
}

export interface ComponentWx {
  setClipboardData: jest.Mock<(options: { data: string }) => Promise<{ errMsg: string }>>
  onNeedPrivacyAuthorization: FakePrivacy['onNeedPrivacyAuthorization']
  openPrivacyContract: jest.Mock<(options: { fail: (error: { errMsg: string }) => void }) => void>
}

/** Installs the fake onto simulate's `wx`, plus the calls only the component makes. */
export function installWx(fake: FakeWx, privacy: FakePrivacy): ComponentWx {
  const componentWx: ComponentWx = {
    setClipboardData: jest.fn(async () => ({ errMsg: 'setClipboardData:ok' })),
    onNeedPrivacyAuthorization: privacy.onNeedPrivacyAuthorization,
    openPrivacyContract: jest.fn(),
  }
  Object.assign(wx, fake, componentWx)
  return componentWx
}

/** simulate prefixes every class with the component's tag name ("main--box"). */
export function classesOf(node: HTMLElement): string[] {
  return (node.getAttribute('class') ?? '')
    .split(/\s+/)
    .filter((name) => name !== '')
    .map((name) => name.replace(/^[\w-]*?--/, ''))
}

interface Listenable {
  addEventListener(name: string, handler: (event: { detail: unknown }) => void): void
}

// Loaded once per test file: simulate runs the component's JavaScript through require, and jest's module
// registry keeps it, so a second load would find Component() never called again.
let componentId: string | undefined

export function renderComponent(properties: Record<string, unknown> = {}): ComponentDriver {
  componentId ??= simulate.load(COMPONENT, { rootPath: SAMPLE_NPM_PACKAGE })
  const rendered: Rendered = simulate.render(componentId, properties)
  // A component is attached when its page opens; render() alone does not run `attached`.
  rendered.triggerLifeTime('attached')
  const all = (selector: string): Rendered[] => rendered.querySelectorAll(selector)
  const events: ComponentDriver['events'] = { result: [], error: [], cancel: [] }
  const waiting: Partial<Record<ComponentEvent, ((detail: unknown) => void)[]>> = {}
  // j-component's typings leave addEventListener out; its runtime has it (render/component.js).
  const listenable = rendered as unknown as Listenable
  for (const name of ['result', 'error', 'cancel'] as const) {
    listenable.addEventListener(name, (event) => {
      events[name].push(event.detail)
      for (const resolve of waiting[name]?.splice(0) ?? []) resolve(event.detail)
    })
  }
  const driver: ComponentDriver = {
    events,
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
    next: (event) =>
      new Promise((resolve) => {
        ;(waiting[event] ??= []).push(resolve)
      }),
    instance: () => rendered.instance as unknown as { useCloud(cloud: unknown): void },
  }
  return driver
}

/** Resolves with the arguments of the mock's next call; the call itself behaves as before. */
export function nextCall<Args extends unknown[], Result>(
  mock: jest.MockedFunction<(...args: Args) => Result>,
): Promise<Args> {
  return new Promise((resolve) => {
    const implementation = mock.getMockImplementation()
    mock.mockImplementationOnce((...args: Args) => {
      resolve(args)
      if (implementation === undefined)
        throw new Error('nextCall needs a mock with an implementation')
      return implementation(...args)
    })
  })
}

/** Reads "left: 1%; top: 2%; ..." back into numbers. */
export function percentStyle(node: HTMLElement): Record<string, number> {
  const style: Record<string, number> = {}
  for (const declaration of (node.getAttribute('style') ?? '').split(';')) {
    const match = /^\s*([\w-]+)\s*:\s*(-?[\d.]+)%\s*$/.exec(declaration)
    if (match?.[1] !== undefined && match[2] !== undefined) style[match[1]] = Number(match[2])
  }
  return style
}
