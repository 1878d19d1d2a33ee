// The privacy gate alone: what the page's popup answers, and how privacy failures are told apart.
import { describe, expect, it, jest } from '@jest/globals'
import {
  AGREE_BUTTON_ID,
  privacyFailure,
  watchPrivacy,
  type PrivacyResolve,
} from '../../src/miniprogram/privacy'
import { createFakePrivacy } from './support/fake-privacy'

describe('watchPrivacy', () => {
  it('shows the popup when asked, and one answer settles every call that waits', async () => {
    const privacy = createFakePrivacy()
    const show = jest.fn<(visible: boolean) => void>()
    const gate = watchPrivacy(privacy, show)

    const choose = privacy.guard('chooseMedia', async () => 'chosen')
    const copy = privacy.guard('setClipboardData', async () => 'copied')
    expect(show.mock.calls).toEqual([[true], [true]])

    gate.agree()

    await expect(choose).resolves.toBe('chosen')
    await expect(copy).resolves.toBe('copied')
    expect(show).toHaveBeenLastCalledWith(false)
    expect(privacy.answers.filter((answer) => answer.event === 'agree')).toEqual([
      { event: 'agree', buttonId: AGREE_BUTTON_ID },
      { event: 'agree', buttonId: AGREE_BUTTON_ID },
    ])
  })

  it('tells the platform that the popup was shown, before any answer', () => {
    const resolve = jest.fn<PrivacyResolve>()
    watchPrivacy(
      { onNeedPrivacyAuthorization: (listener) => listener(resolve, { referrer: 'chooseMedia' }) },
      () => undefined,
    )

    expect(resolve.mock.calls).toEqual([[{ event: 'exposureAuthorization' }]])
  })

  it('leaves it to the platform on base libraries without onNeedPrivacyAuthorization', () => {
    const show = jest.fn<(visible: boolean) => void>()
    const gate = watchPrivacy({}, show)

    gate.disagree()

    expect(show).toHaveBeenCalledWith(false)
  })
})

describe('privacyFailure', () => {
  it.each([
    [
      { errMsg: 'chooseMedia:fail privacy permission is not authorized', errno: 104 },
      'PRIVACY_DENIED',
    ],
    [{ errMsg: 'setClipboardData:fail privacy permission is not authorized' }, 'PRIVACY_DENIED'],
    [
      { errMsg: 'chooseMedia:fail api scope is not declared in the privacy agreement', errno: 112 },
      'PRIVACY_NOT_DECLARED',
    ],
    [{ errMsg: 'setClipboardData:fail', errno: 112 }, 'PRIVACY_NOT_DECLARED'],
  ])('%j is %s', (error, code) => {
    expect(privacyFailure(error)?.code).toBe(code)
  })

  it.each([
    { errMsg: 'chooseMedia:fail auth deny' },
    { errMsg: 'chooseMedia:fail cancel' },
    'boom',
  ])('%j is no privacy failure', (error) => {
    expect(privacyFailure(error)).toBeNull()
  })
})
