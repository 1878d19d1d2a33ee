// 复制全部: wx.setClipboardData is a privacy API and can fail (refused, undeclared, or the system's own
// reasons). Its promise is always awaited, so a failure becomes a message and never an unhandled rejection.
import { privacyFailure } from './privacy'
import { reportFailure } from './report'
import { localError, type ShownError } from './shown-error'
import { errMsgOf } from './wx-port'

export interface ClipboardPort {
  setClipboardData(options: { data: string }): Promise<unknown>
}

/** null when copied; the platform itself then shows its "内容已复制" toast. */
export async function copyText(wx: ClipboardPort, text: string): Promise<ShownError | null> {
  try {
    await wx.setClipboardData({ data: text })
    return null
  } catch (error) {
    const shown = privacyFailure(error) ?? localError('COPY_FAILED', errMsgOf(error))
    reportFailure('copy', shown)
    return shown
  }
}
