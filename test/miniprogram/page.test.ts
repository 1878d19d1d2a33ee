/** @jest-environment jsdom */
// The sample page as a team's page: its <ocr-photo> is the package's built component from
// miniprogram_npm (resolved there as DevTools resolves "wx-ocr-printed-text/ocr-photo"), configured from
// config.ts, and the page hears its `result`.
import { afterEach, beforeEach, expect, it, jest } from '@jest/globals'
import path from 'node:path'
import simulate from 'miniprogram-simulate'
import { createFakePrivacy } from './support/fake-privacy'
import { createFakeWx, recognitionCalls } from './support/fake-wx'
import { installWx } from './support/render-component'

jest.mock('../../miniprogram/config', () => ({
  CLOUD_ENV: 'test-env-1a2b',
  OCR_FUNCTION_NAME: 'ocrPrintedText',
}))

const ROOT = path.join(__dirname, '../../miniprogram')

let consoleError: jest.SpiedFunction<typeof console.error>

beforeEach(() => {
  consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined)
})

afterEach(() => consoleError.mockRestore())

interface Listenable {
  addEventListener(name: string, handler: () => void): void
}

it('passes its env and function name to <ocr-photo> and sums up the result', async () => {
  // Prepare
  const fake = createFakeWx()
  installWx(fake, createFakePrivacy())
  const pageId = simulate.load(path.join(ROOT, 'pages/index/index'), {
    rootPath: ROOT,
    usingComponents: { 'ocr-photo': '/miniprogram_npm/wx-ocr-printed-text/ocr-photo/index' },
  })
  const page = simulate.render(pageId)
  page.triggerLifeTime('attached')
  const ocr = page.querySelector('#ocr')
  if (ocr === undefined) throw new Error('the page renders no <ocr-photo>')
  ocr.triggerLifeTime('attached')
  const done = new Promise<void>((resolve) =>
    (ocr as unknown as Listenable).addEventListener('result', resolve),
  )
  const choose = ocr.querySelector('.choose')
  if (choose === undefined) throw new Error('<ocr-photo> renders no choose button')
  // Act
  choose.dispatchEvent('tap')
  await done
  // Assess
  expect(recognitionCalls(fake)).toHaveLength(1)
  expect(fake.cloud.callFunction.mock.calls.map(([options]) => options.name)).toEqual([
    'ocrPrintedText',
    'ocrPrintedText',
  ])
  expect(fake.cloud.uploadFile.mock.calls[0]?.[0].config).toEqual({ env: 'test-env-1a2b' })
  expect(page.querySelector('.summary')?.dom?.textContent?.trim()).toBe('识别到 2 行文字')
})
