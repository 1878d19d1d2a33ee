// The env comes from config.ts, the one place a team edits; with the shipped placeholder the app stops
// here and says where to set it. traceUser records users in the console.
import { startCloud } from 'wx-ocr-printed-text'
import { CLOUD_ENV } from './config'

App({
  onLaunch() {
    startCloud(wx, CLOUD_ENV, 'miniprogram/config.ts 中的 CLOUD_ENV')
  },
})
