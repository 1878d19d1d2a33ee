// app.ts is the only place wx.cloud.init runs, with the env from config.ts, through the package's
// startCloud as miniprogram_npm ships it; a placeholder env stops the app at launch with a message that
// says where to set it.
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals'
import { CLOUD_ENV } from '../../miniprogram/config'
import { envProblem, PLACEHOLDER_ENV, startCloud } from '../../src/miniprogram/cloud-env'
import { LOCAL_ERRORS } from '../../src/miniprogram/shown-error'

let consoleError: jest.SpiedFunction<typeof console.error>

beforeEach(() => {
  consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined)
})

afterEach(() => consoleError.mockRestore())

function fakeWx(): Parameters<typeof startCloud>[0] & {
  cloud: { init: jest.Mock }
  showModal: jest.Mock<(options: { content: string }) => Promise<unknown>>
} {
  return { cloud: { init: jest.fn() }, showModal: jest.fn(async () => ({ confirm: true })) }
}

describe('the app as shipped', () => {
  it('stops at launch on the placeholder env: no cloud, a modal and a log naming config.ts', () => {
    const wx = fakeWx()
    const App = jest.fn<(options: { onLaunch?: () => void }) => void>()
    Object.assign(globalThis, { App, wx })

    // A plain require: App() must run now, against the globals above (import() needs ESM in jest).
    jest.requireActual('../../miniprogram/app')
    App.mock.calls[0]?.[0].onLaunch?.()

    expect(CLOUD_ENV).toBe(PLACEHOLDER_ENV)
    expect(wx.cloud.init).not.toHaveBeenCalled()
    expect(wx.showModal).toHaveBeenCalledTimes(1)
    expect(wx.showModal.mock.calls[0]?.[0].content).toContain('miniprogram/config.ts')
    expect(consoleError.mock.calls.map((call) => call[1])).toEqual([
      expect.objectContaining({
        code: 'ENV_NOT_CONFIGURED',
        hint: `${LOCAL_ERRORS.ENV_NOT_CONFIGURED.hint} Set it in miniprogram/config.ts 中的 CLOUD_ENV.`,
      }),
    ])
  })
})

describe('startCloud', () => {
  it('initialises the cloud with a real env id and traceUser, and says nothing', () => {
    const wx = fakeWx()

    expect(startCloud(wx, 'prod-3g5x1a2b3c4d5e6f', 'config.ts')).toBe(true)

    expect(wx.cloud.init).toHaveBeenCalledWith({ env: 'prod-3g5x1a2b3c4d5e6f', traceUser: true })
    expect(wx.showModal).not.toHaveBeenCalled()
    expect(consoleError).not.toHaveBeenCalled()
  })

  it('handles a failed modal, so it never becomes an unhandled rejection', async () => {
    const wx = fakeWx()
    const rejection = Promise.reject(new Error('showModal:fail'))
    // .catch and await both go through then(onFulfilled, onRejected).
    const then = jest.spyOn(rejection, 'then')
    wx.showModal.mockReturnValue(rejection)

    expect(startCloud(wx, PLACEHOLDER_ENV, 'config.ts')).toBe(false)

    expect(then.mock.calls.some(([, onRejected]) => typeof onRejected === 'function')).toBe(true)
    await rejection.catch(() => undefined)
  })

  it.each(['', '  ', PLACEHOLDER_ENV, '<your env id>', '{{ENV_ID}}'])('refuses %j', (env) => {
    expect(envProblem(env)).toMatchObject({ code: 'ENV_NOT_CONFIGURED' })
  })

  it.each(['prod-3g5x1a2b3c4d5e6f', 'cloud1-9gabc123def'])('accepts %s', (env) => {
    expect(envProblem(env)).toBeNull()
  })
})
