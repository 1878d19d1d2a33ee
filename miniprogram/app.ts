// The env comes from config.ts, the one place a team edits; with the shipped placeholder the app stops
// here and says where to set it (services/cloud-env.ts). traceUser records users in the console.
import { CLOUD_ENV } from './config'
import { startCloud } from './services/cloud-env'

App({
  onLaunch() {
    startCloud(wx, CLOUD_ENV)
  },
})
