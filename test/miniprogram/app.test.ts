// app.ts is the only place wx.cloud.init runs, with the env from config.ts.
import { expect, it, jest } from '@jest/globals'
import { CLOUD_ENV } from '../../miniprogram/config'

it('initialises the cloud with the configured env and traceUser on launch', () => {
  const init = jest.fn()
  const App = jest.fn<(options: { onLaunch?: () => void }) => void>()
  Object.assign(globalThis, { App, wx: { cloud: { init } } })

  // A plain require: App() must run now, against the globals above (import() needs ESM in jest).
  jest.requireActual('../../miniprogram/app')
  App.mock.calls[0]?.[0].onLaunch?.()

  expect(App).toHaveBeenCalledTimes(1)
  expect(init).toHaveBeenCalledWith({ env: CLOUD_ENV, traceUser: true })
})
