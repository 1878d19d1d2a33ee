// The one reader of incoming errors, over every shape that reaches it: the SDK's thrown CloudSDKError, the
// HTTPS API's snake_case body, undici's TypeError with the socket on its cause, and values that are not
// errors at all.
import { readIncomingError } from '../../src/errors/incoming'
import { sdkError } from '../support/in-memory-port'

describe('readIncomingError', () => {
  it("reads the SDK's thrown error by its own keys, not by its message", () => {
    expect(readIncomingError(sdkError(101002, 'image decode failed'))).toEqual({
      errCode: 101002,
      errMsg: 'openapi.ocr.printedText:fail image decode failed',
      socketCode: undefined,
    })
  })

  it('reads the HTTPS snake_case body, a numeric string errcode included', () => {
    expect(
      readIncomingError({ errcode: '45009', errmsg: 'reach max api daily quota limit' }),
    ).toEqual({ errCode: 45009, errMsg: 'reach max api daily quota limit', socketCode: undefined })
  })

  it('prefers the camelCase key when both are there, and ignores a code that is no number', () => {
    expect(readIncomingError({ errCode: -1, errcode: 40001, errMsg: 'busy' }).errCode).toBe(-1)
    expect(readIncomingError({ errcode: 'E42', errmsg: 'x' }).errCode).toBeUndefined()
  })

  it("reads undici's TypeError: the socket code and the message from its cause", () => {
    const cause = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), {
      code: 'ECONNREFUSED',
    })
    expect(readIncomingError(new TypeError('fetch failed', { cause }))).toEqual({
      errCode: undefined,
      errMsg: 'fetch failed (connect ECONNREFUSED 127.0.0.1:9)',
      socketCode: 'ECONNREFUSED',
    })
  })

  it('takes the socket code on the error itself over the one on its cause', () => {
    const cause = Object.assign(new Error('inner'), { code: 'ECONNRESET' })
    const outer = Object.assign(new Error('outer', { cause }), { code: 'ETIMEDOUT', errCode: -1 })
    expect(readIncomingError(outer)).toMatchObject({ errCode: -1, socketCode: 'ETIMEDOUT' })
  })

  it.each([
    ['a string', 'token service down', 'token service down'],
    ['undefined', undefined, 'undefined'],
    ['a number', 42, '42'],
  ])('reads %s as a message and nothing else', (_label, value, errMsg) => {
    expect(readIncomingError(value)).toEqual({ errCode: undefined, errMsg, socketCode: undefined })
  })

  it('reads an object without any of the keys as nothing, and never throws on odd values', () => {
    expect(readIncomingError({ status: 500 })).toEqual({
      errCode: undefined,
      errMsg: '',
      socketCode: undefined,
    })
    expect(readIncomingError({ errMsg: 7, code: 7, cause: null })).toEqual({
      errCode: undefined,
      errMsg: '',
      socketCode: undefined,
    })
  })
})
