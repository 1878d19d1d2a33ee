/** @jest-environment jsdom */
// The page with config.ts as shipped (the placeholder env): it says the app is not configured and will
// not start a recognition, so nothing reaches a cloud that was never initialised.
import { afterEach, beforeEach, expect, it, jest } from '@jest/globals'
import { LOCAL_ERRORS } from '../../miniprogram/services/shown-error'
import { createFakePrivacy } from './support/fake-privacy'
import { createFakeWx } from './support/fake-wx'
import { installWx, renderIndexPage } from './support/render-page'

let consoleError: jest.SpiedFunction<typeof console.error>

beforeEach(() => {
  consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined)
})

afterEach(() => consoleError.mockRestore())

it('shows why it cannot work, keeps the button disabled and calls nothing', async () => {
  const fake = createFakeWx()
  installWx(fake, 375, createFakePrivacy())
  const page = renderIndexPage()

  expect(page.texts('.error-message')).toEqual([LOCAL_ERRORS.ENV_NOT_CONFIGURED.userMessage])
  expect(page.nodes('.retry')).toEqual([])
  expect(page.attr('.choose', 'disabled')).toBe(true)

  await page.tap('.choose')
  await page.flush()

  expect(fake.chooseMedia).not.toHaveBeenCalled()
  expect(fake.cloud.callFunction).not.toHaveBeenCalled()
})
