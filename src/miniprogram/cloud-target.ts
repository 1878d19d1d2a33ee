// Which cloud a recognition talks to. Most apps call wx.cloud.init once and pass nothing; an app that
// uses several environments passes an env id (sent as each call's `config.env`) or its own instance of
// wx.cloud.Cloud (already init()ed), whose calls go to the environment it was made for.
import type { CloudCallConfig, WxCloudPort, WxPort } from './wx-port'

export type CloudEnv = string | WxCloudPort

export interface CloudTarget {
  cloud: WxCloudPort
  /** Spread into every call: `{ config: { env } }` for an env id, nothing otherwise. */
  config: CloudCallConfig
  /** Keys what is remembered per environment (the upload prefix). */
  envKey: string
}

export function cloudTarget(wx: WxPort, env: CloudEnv | undefined): CloudTarget {
  if (env === undefined || env === '') return { cloud: wx.cloud, config: {}, envKey: '' }
  if (typeof env === 'string') return { cloud: wx.cloud, config: { config: { env } }, envKey: env }
  return { cloud: env, config: {}, envKey: '' }
}
