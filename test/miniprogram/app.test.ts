// app.ts is the only place wx.cloud.init runs, with the env from config.ts, through the package's
// startCloud as miniprogram_npm ships it; a placeholder env stops the app at launch with a message that
// says where to set it. The app is loaded against the env a test gives it, so a team that sets its own
// CLOUD_ENV in config.ts keeps a passing suite.
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals'
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

type AppOptions = { onLaunch?: () => void }

/**
 * Loads app.ts, with config.ts's CLOUD_ENV replaced by `env`, against a fake `App` and `wx` that exist
 * only while it loads and launches; answers the fake wx and how many apps were registered.
 */
function launchApp(env: string): { wx: ReturnType<typeof fakeWx>; apps: number } {
  const wx = fakeWx()
  const App = jest.fn<(options: AppOptions) => void>()
  const globals = globalThis as Record<string, unknown>
  const saved = { App: globals.App, wx: globals.wx }
  Object.assign(globals, { App, wx })
  try {
    jest.isolateModules(() => {
      jest.doMock('../../miniprogram/config', () => ({
        ...jest.requireActual<Record<string, unknown>>('../../miniprogram/config'),
        CLOUD_ENV: env,
      }))
      // A plain require: App() must run now, against the globals above (import() needs ESM in jest).
      jest.requireActual('../../miniprogram/app')
    })
    App.mock.calls[0]?.[0].onLaunch?.()
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) Reflect.deleteProperty(globals, name)
      else globals[name] = value
    }
    jest.dontMock('../../miniprogram/config')
  }
  return { wx, apps: App.mock.calls.length }
}

describe('the app', () => {
  it('stops at launch on the placeholder env: no cloud, a modal and a log naming config.ts', () => {
    const { wx, apps } = launchApp(PLACEHOLDER_ENV)

    expect(apps).toBe(1)
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

  it("starts the cloud at launch with config.ts's env", () => {
    const { wx, apps } = launchApp('prod-3g5x1a2b3c4d5e6f')

    expect(apps).toBe(1)
    expect(wx.cloud.init).toHaveBeenCalledWith({ env: 'prod-3g5x1a2b3c4d5e6f', traceUser: true })
    expect(wx.showModal).not.toHaveBeenCalled()
  })

  it('leaves no App or wx behind', () => {
    launchApp(PLACEHOLDER_ENV)

    expect('App' in globalThis).toBe(false)
    expect('wx' in globalThis).toBe(false)
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

  it('leaves no unhandled rejection when the modal fails', async () => {
    // Prepare: Node reports a rejection nobody handles once the microtasks of the turn have run.
    const unhandled: unknown[] = []
    const record = (reason: unknown): void => void unhandled.push(reason)
    process.on('unhandledRejection', record)
    const wx = fakeWx()
    wx.showModal.mockImplementation(() => Promise.reject(new Error('showModal:fail')))
    try {
      // Act
      const started = startCloud(wx, PLACEHOLDER_ENV, 'config.ts')
      await new Promise((turnEnded) => setImmediate(turnEnded))
      // Assess
      expect(started).toBe(false)
      expect(wx.showModal).toHaveBeenCalledTimes(1)
      expect(unhandled).toEqual([])
    } finally {
      process.off('unhandledRejection', record)
    }
  })

  it.each(['', '  ', PLACEHOLDER_ENV, '<your env id>', '{{ENV_ID}}'])('refuses %j', (env) => {
    expect(envProblem(env)).toMatchObject({ code: 'ENV_NOT_CONFIGURED' })
  })

  it.each(['prod-3g5x1a2b3c4d5e6f', 'cloud1-9gabc123def'])('accepts %s', (env) => {
    expect(envProblem(env)).toBeNull()
  })
})
