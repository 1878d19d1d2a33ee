// The env comes from config.ts, the one place a team edits; traceUser records users in the console.
import { CLOUD_ENV } from './config'

App({
  onLaunch() {
    wx.cloud.init({ env: CLOUD_ENV, traceUser: true })
  },
})
