// The cloud env an app talks to, checked before anything uses it. A template ships with a placeholder;
// run as is, every call would fail later with a vague "env not found". The app stops at launch instead,
// says where the id goes, and the component refuses to start a recognition.
import { reportFailure } from './report'
import { localError, type ShownError } from './shown-error'

/** What the sample's miniprogram/config.ts ships with. */
export const PLACEHOLDER_ENV = 'your-env-id'

export interface CloudStartPort {
  cloud: { init(options: { env: string; traceUser: boolean }): void }
  showModal(options: { title: string; content: string; showCancel: boolean }): Promise<unknown>
}

export function envProblem(env: string): ShownError | null {
  const trimmed = env.trim()
  if (trimmed !== '' && trimmed !== PLACEHOLDER_ENV && !/[<>{}\s]/.test(trimmed)) return null
  return localError('ENV_NOT_CONFIGURED', `The env id is ${JSON.stringify(env)}`)
}

/**
 * wx.cloud.init with the configured env, or a stop that says where to set it (`whereToSet`, e.g.
 * "miniprogram/config.ts 中的 CLOUD_ENV"); true when the cloud is ready.
 */
export function startCloud(wx: CloudStartPort, env: string, whereToSet: string): boolean {
  const problem = envProblem(env)
  if (problem === null) {
    wx.cloud.init({ env, traceUser: true })
    return true
  }
  reportFailure('start', { ...problem, hint: `${problem.hint} Set it in ${whereToSet}.` })
  wx.showModal({
    title: '未配置云开发环境',
    content: `请在 ${whereToSet} 填写你的云开发环境 ID（云开发控制台 → 设置 → 环境 ID）。`,
    showCancel: false,
  }).catch(() => undefined)
  return false
}
