// The caller's identity, read as the strings the runtime set. wx-server-sdk's getWXContext() turns every
// value that looks like a number into one (parseInt): an OPENID "007" arrives as 7 and "0" as 0, and a
// guard that only trusts strings would see "no OPENID" and let that caller read any file. So OPENID and
// APPID are read from the environment variables WX_CONTEXT_KEYS names, exactly as the SDK finds them.
import type { WxContext } from './cloud-port'

function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined
}

/** The raw variable behind a context key: WX_CONTEXT_KEYS=WX_OPENID,... gives OPENID from $WX_OPENID. */
function rawContextValue(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const keys = (env.WX_CONTEXT_KEYS ?? '').split(',')
  const key = keys.find((k) => k === name || k === `WX_${name}`)
  return key === undefined ? undefined : nonEmpty(env[key])
}

export function readWxContext(
  sdkContext: Record<string, unknown>,
  env: NodeJS.ProcessEnv,
): WxContext {
  const openid = rawContextValue(env, 'OPENID')
  const appid = rawContextValue(env, 'APPID')
  // ENV only when the runtime sets it; DevTools' local debugging may not.
  const envId = nonEmpty(sdkContext.ENV) ?? nonEmpty(env.SCF_NAMESPACE)
  const source = nonEmpty(sdkContext.SOURCE) ?? nonEmpty(env.TCB_SOURCE)
  return {
    ...(openid === undefined ? {} : { OPENID: openid }),
    ...(appid === undefined ? {} : { APPID: appid }),
    ...(envId === undefined ? {} : { ENV: envId }),
    ...(source === undefined ? {} : { SOURCE: source }),
  }
}
