// The platform's privacy check as the docs describe it, for the fake wx: a privacy API called before the
// user agreed stays pending, the page's onNeedPrivacyAuthorization listener is called with a resolve, and
// the call goes on after {event:'agree'} or fails with errno 104 after {event:'disagree'}.
import { jest } from '@jest/globals'
import type { PrivacyAnswer, PrivacyPort, PrivacyResolve } from '../../../src/miniprogram/privacy'

type Listener = (resolve: PrivacyResolve, eventInfo: { referrer: string }) => void

export interface FakePrivacy {
  onNeedPrivacyAuthorization: jest.Mock<NonNullable<PrivacyPort['onNeedPrivacyAuthorization']>>
  /** Every answer the page gave, in order (exposureAuthorization included). */
  answers: PrivacyAnswer[]
  /** Runs `call` as the platform runs a privacy API named `api`. */
  guard<T>(api: string, call: () => Promise<T>): Promise<T>
  /** Resolves with the API's name the next time the platform asks the listener for consent. */
  nextAsk(): Promise<string>
}

export function createFakePrivacy(): FakePrivacy {
  let listener: Listener | undefined
  let agreed = false
  const answers: PrivacyAnswer[] = []
  const askWaiters: ((api: string) => void)[] = []
  const ask = (api: string): Promise<PrivacyAnswer> =>
    new Promise((settle) => {
      for (const waiter of askWaiters.splice(0)) waiter(api)
      listener?.(
        (answer) => {
          answers.push(answer)
          if (answer.event !== 'exposureAuthorization') settle(answer)
        },
        { referrer: api },
      )
    })
  return {
    answers,
    nextAsk: () => new Promise((resolve) => askWaiters.push(resolve)),
    onNeedPrivacyAuthorization: jest.fn((registered: Listener) => {
      listener = registered
    }),
    guard: async (api, call) => {
      if (agreed || listener === undefined) return call()
      const answer = await ask(api)
      if (answer.event !== 'agree') {
        throw { errMsg: `${api}:fail privacy permission is not authorized`, errno: 104 }
      }
      agreed = true
      return call()
    },
  }
}
