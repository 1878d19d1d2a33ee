// The platform's user-privacy rules (since 2023-10-17). wx.chooseMedia and wx.setClipboardData are
// privacy APIs: until the user agrees to the 用户隐私保护指引, a call stays pending and the platform fires
// wx.onNeedPrivacyAuthorization; the page shows its own popup whose agree button has
// open-type="agreePrivacyAuthorization", and the resolve the platform passed is called with the user's
// answer. A refusal fails the call with "privacy permission is not authorized" (errno 104); an API the
// admin console does not declare fails with "api scope is not declared in the privacy agreement"
// (errno 112). Without wx.onNeedPrivacyAuthorization (base library < 2.32.3) the platform's own popup asks.
import { reportFailure } from './report'
import { localError, type ShownError } from './shown-error'
import { errMsgOf } from './wx-port'

/** The id of the page's agree button: the platform checks that this very button was tapped. */
export const AGREE_BUTTON_ID = 'agree-privacy'

export type PrivacyAnswer =
  { event: 'agree'; buttonId: string } | { event: 'disagree' } | { event: 'exposureAuthorization' }

export type PrivacyResolve = (answer: PrivacyAnswer) => void

/**
 * Typed from the docs and the runtime: miniprogram-api-typings 5.2.3 declares the listener as
 * `(res: GeneralCallbackResult) => void`, while the platform calls it with `(resolve, eventInfo)`.
 */
export interface PrivacyPort {
  onNeedPrivacyAuthorization?: (
    listener: (resolve: PrivacyResolve, eventInfo: { referrer: string }) => void,
  ) => void
  /** Opens the guide as declared in the admin console (base library 2.32.3). */
  openPrivacyContract?: (options: { fail: (error: { errMsg: string }) => void }) => void
}

export interface PrivacyGate {
  agree(): void
  disagree(): void
}

/** Calls `show(true)` when the platform asks, `show(false)` once the user has answered. */
export function watchPrivacy(wx: PrivacyPort, show: (visible: boolean) => void): PrivacyGate {
  // Two privacy calls can wait at once (a copy while the picker waits): one answer settles them all.
  let pending: PrivacyResolve[] = []
  const answer = (result: PrivacyAnswer): void => {
    const waiting = pending
    pending = []
    show(false)
    for (const resolve of waiting) resolve(result)
  }
  wx.onNeedPrivacyAuthorization?.((resolve) => {
    pending.push(resolve)
    show(true)
    resolve({ event: 'exposureAuthorization' })
  })
  return {
    agree: () => answer({ event: 'agree', buttonId: AGREE_BUTTON_ID }),
    disagree: () => answer({ event: 'disagree' }),
  }
}

/** The popup's link to the full guide; a failure to open it is only logged, the popup stays. */
export function openPrivacyContract(wx: PrivacyPort): void {
  wx.openPrivacyContract?.({
    fail: (error) => reportFailure('privacy guide', localError('UNEXPECTED', error.errMsg)),
  })
}

function errnoOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('errno' in error)) return undefined
  const { errno } = error as { errno: unknown }
  return typeof errno === 'number' ? errno : undefined
}

/** A privacy refusal or an undeclared API, told apart from the other failures of the same call. */
export function privacyFailure(error: unknown): ShownError | null {
  const errMsg = errMsgOf(error)
  const errno = errnoOf(error)
  let shown: ShownError | null = null
  if (errno === 104 || errMsg.includes('privacy permission is not authorized')) {
    shown = localError('PRIVACY_DENIED', errMsg)
  } else if (errno === 112 || errMsg.includes('not declared in the privacy agreement')) {
    shown = localError('PRIVACY_NOT_DECLARED', errMsg)
  }
  if (shown !== null && errno !== undefined) shown.errCode = errno
  return shown
}
