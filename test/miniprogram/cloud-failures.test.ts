// Failures of the cloud platform around callFunction / uploadFile, as users met them (errMsg texts from
// DevTools consoles and issue threads), each to its own code, message and hint.
import { describe, expect, it } from '@jest/globals'
import {
  classifyCloudFailure,
  CLOUD_FAILURES,
  type CloudFailureCode,
} from '../../src/miniprogram/cloud-failures'
import { LOCAL_ERRORS } from '../../src/miniprogram/shown-error'

/** wx's cloud errors are Errors with errCode and errMsg own properties. */
function cloudError(message: string, errCode: number, errMsg = message): Error {
  return Object.assign(new Error(message), { errCode, errMsg })
}

const SEEN: [CloudFailureCode, unknown, { errCode?: number; requestId?: string }][] = [
  [
    'FUNCTION_TIMEOUT',
    cloudError(
      'cloud.callFunction:fail Error: errCode: -504003  | errMsg: Invoking task timed out after 3 seconds',
      -504003,
    ),
    { errCode: -504003 },
  ],
  [
    'FUNCTION_NOT_FOUND',
    cloudError(
      'cloud.callFunction:fail Error: errCode: -501000  | errMsg: FunctionName parameter could not be found. (callId: 1663981981628-0.32650654948825886) (trace: 9:13:1 start->9:13:2 system error (Error: errCode: -501000  | errMsg: FunctionName parameter could not be found.), abort)',
      -501000,
    ),
    { errCode: -501000 },
  ],
  [
    'FUNCTION_NOT_FOUND',
    {
      errMsg:
        'cloud.callFunction:fail Error: errCode: -501000  | errMsg: 找不到对应的FunctionName.',
    },
    { errCode: -501000 },
  ],
  [
    'ENV_NOT_FOUND',
    cloudError(
      'cloud.callFunction:fail Error: errCode: -501000  | errMsg: Environment not found (callId: 1640257458052-0.8953485546111697)',
      -501000,
    ),
    { errCode: -501000 },
  ],
  [
    'FUNCTION_CRASHED',
    cloudError(
      'errCode: -404011 cloud function execution error | errMsg: cloud.callFunction:fail requestID 1cb63f35-794c-11e9-b01f-525400e8849e, cloud function service error code -504002, error message wx is not defined; at cloud.callFunction api;',
      -404011,
      'cloud.callFunction:fail requestID 1cb63f35-794c-11e9-b01f-525400e8849e, cloud function service error code -504002, error message wx is not defined; at cloud.callFunction api;',
    ),
    { errCode: -404011, requestId: '1cb63f35-794c-11e9-b01f-525400e8849e' },
  ],
  [
    'CLOUD_NOT_ENABLED',
    cloudError(
      'cloud.callFunction:fail Error: errCode: -601034  | errMsg: 没有权限，请先开通云开发或者云托管',
      -601034,
    ),
    { errCode: -601034 },
  ],
  [
    'CLOUD_QUOTA_EXCEEDED',
    cloudError(
      'cloud.callFunction:fail Error: errCode: -501004  | errMsg: concurrency limit',
      -501004,
    ),
    { errCode: -501004 },
  ],
  [
    'CLOUD_SYSTEM_ERROR',
    cloudError('cloud.callFunction:fail Error: errCode: -501001  | errMsg: system error', -501001),
    { errCode: -501001 },
  ],
]

describe('platform failures of a cloud call', () => {
  it.each(SEEN)('%s from what users saw', (code, error, extra) => {
    const shown = classifyCloudFailure(error, 'CALL_FAILED')

    expect(shown).toMatchObject({ code, ...extra, userMessage: CLOUD_FAILURES[code].userMessage })
    expect(shown.hint).toBe(CLOUD_FAILURES[code].hint)
    expect(shown.message).toContain('cloud.callFunction:fail')
  })

  it('has a real-world sample for every entry of the table', () => {
    expect(new Set(SEEN.map(([code]) => code))).toEqual(new Set(Object.keys(CLOUD_FAILURES)))
  })

  it('calls a timeout inside an execution error a timeout', () => {
    const error = cloudError(
      'errCode: -404011 cloud function execution error | errMsg: cloud.callFunction:fail requestID abcdef12-3456, cloud function service error code -504003, error message Invoking task timed out after 3 seconds',
      -404011,
    )

    expect(classifyCloudFailure(error, 'CALL_FAILED')).toMatchObject({
      code: 'FUNCTION_TIMEOUT',
      requestId: 'abcdef12-3456',
    })
  })

  it('leaves a plain network failure to the caller: CALL_FAILED or UPLOAD_FAILED', () => {
    const error = { errMsg: 'cloud.callFunction:fail request:fail timeout' }

    expect(classifyCloudFailure(error, 'CALL_FAILED')).toEqual({
      code: 'CALL_FAILED',
      ...LOCAL_ERRORS.CALL_FAILED,
      message: 'cloud.callFunction:fail request:fail timeout',
    })
    expect(classifyCloudFailure({ errMsg: 'uploadFile:fail' }, 'UPLOAD_FAILED').code).toBe(
      'UPLOAD_FAILED',
    )
  })

  it('never puts a code or the raw message in what the user reads', () => {
    for (const entry of Object.values(CLOUD_FAILURES)) {
      expect(entry.userMessage).not.toMatch(/-?\d{4,}|fail|Error/)
      expect(entry.hint.length).toBeGreaterThan(20)
    }
  })
})
