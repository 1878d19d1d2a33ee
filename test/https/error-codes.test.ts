// Every catalog code the HTTPS client can answer, each made to happen through the local cloud's HTTPS
// endpoint (a real condition where the emulator has one, an injected fault where it does not), and each
// code the client cannot answer listed with the reason. The list is checked against the catalog, so a new
// code must be placed on one side or the other.
import { ERROR_CATALOG, ERROR_CODES, type ErrorCode } from '../../src/errors/catalog'
import { createPrintedTextClient, RetryQuota, type PrintedTextClient } from '../../src/https'
import { IMAGE_SIZE_LIMIT_BYTES } from '../../src/checks/size-limit'
import { OcrReplySchema } from '../../src/reply/schema'
import { startTestCloud, type TestCloud } from '../support/local-cloud'
import { FAST_POLICY, testCredentials } from '../support/https-client'
import { instantClock } from '../support/instant-clock'
import { pngImage } from '../support/images/formats'
import { serveBody } from '../support/loopback-server'

interface Stage {
  t: TestCloud
  credentials: { appId: string; appSecret: string }
  ocr: PrintedTextClient
  png: Buffer
}

interface Scenario {
  name: string
  code: ErrorCode
  errCode?: number
  /** OCR calls that reach the platform (0: refused before anything is spent). */
  ocrCalls: number
  run(stage: Stage): Promise<unknown>
}

const fault = (stage: Stage, errcode: number, errmsg?: string) =>
  stage.t.cloud.faults.inject({ kind: 'errcode', errcode, on: 'https', times: 'always', errmsg })

const SCENARIOS: Scenario[] = [
  {
    name: 'an input with no image',
    code: 'INVALID_REQUEST',
    ocrCalls: 0,
    run: ({ ocr }) => ocr.recognize({} as never),
  },
  {
    name: 'bytes over 2 MB',
    code: 'IMAGE_TOO_LARGE',
    ocrCalls: 0,
    run: ({ ocr, png }) =>
      ocr.recognize({ img: Buffer.concat([png, Buffer.alloc(IMAGE_SIZE_LIMIT_BYTES)]) }),
  },
  {
    name: 'bytes that are no image',
    code: 'UNSUPPORTED_IMAGE',
    ocrCalls: 0,
    run: ({ ocr }) => ocr.recognize({ img: Buffer.from('%PDF-1.7 not an image') }),
  },
  {
    name: 'an image URL that answers 404',
    code: 'INVALID_IMAGE_URL',
    errCode: 101000,
    ocrCalls: 1,
    run: async ({ ocr }) => {
      const server = await serveBody(undefined)
      try {
        return await ocr.recognize({ imgUrl: `${server.origin}/gone.png` })
      } finally {
        await server.close()
      }
    },
  },
  {
    name: 'PNG bytes that are damaged (a valid signature, then garbage)',
    code: 'IMAGE_CORRUPT',
    ocrCalls: 0,
    run: ({ ocr, png }) => ocr.recognize({ img: Buffer.concat([png.subarray(0, 16), png]) }),
  },
  {
    name: 'an image the platform cannot decode (101002)',
    code: 'IMAGE_DECODE_FAILED',
    errCode: 101002,
    ocrCalls: 1,
    run: (stage) => (fault(stage, 101002), stage.ocr.recognize({ img: stage.png })),
  },
  {
    name: "the caller's deadline already passed",
    code: 'ABORTED',
    ocrCalls: 0,
    run: ({ ocr, png }) => ocr.recognize({ img: png }, { signal: AbortSignal.abort() }),
  },
  {
    name: 'an image without text (101001)',
    code: 'NO_TEXT_FOUND',
    errCode: 101001,
    ocrCalls: 1,
    run: (stage) => (fault(stage, 101001), stage.ocr.recognize({ img: stage.png })),
  },
  {
    name: 'the daily quota spent',
    code: 'QUOTA_EXHAUSTED',
    errCode: 45009,
    ocrCalls: 1,
    run: (stage) => {
      stage.t.cloud.quota.limit = 0
      return stage.ocr.recognize({ img: stage.png })
    },
  },
  {
    name: 'no market quota (101003)',
    code: 'QUOTA_EXHAUSTED',
    errCode: 101003,
    ocrCalls: 1,
    run: (stage) => (fault(stage, 101003), stage.ocr.recognize({ img: stage.png })),
  },
  {
    name: '"not enough market quota" under 101002',
    code: 'QUOTA_EXHAUSTED',
    errCode: 101002,
    ocrCalls: 1,
    run: (stage) => (
      fault(stage, 101002, 'not enough market quota'),
      stage.ocr.recognize({ img: stage.png })
    ),
  },
  {
    name: 'an unverified account (48001)',
    code: 'API_UNAUTHORIZED',
    errCode: 48001,
    ocrCalls: 1,
    run: (stage) => (fault(stage, 48001), stage.ocr.recognize({ img: stage.png })),
  },
  {
    name: 'a token refused twice',
    code: 'ACCESS_TOKEN_INVALID',
    errCode: 40001,
    ocrCalls: 2,
    run: (stage) => (fault(stage, 40001), stage.ocr.recognize({ img: stage.png })),
  },
  {
    name: 'a wrong AppSecret',
    code: 'CREDENTIALS_REFUSED',
    errCode: 40125,
    ocrCalls: 0,
    run: ({ t, png, credentials }) =>
      createPrintedTextClient({
        appId: credentials.appId,
        appSecret: testCredentials().appSecret,
        baseUrl: t.cloud.origin,
        clock: instantClock(),
      }).recognize({ img: png }),
  },
  {
    name: 'media missing (41005)',
    code: 'MEDIA_MISSING',
    errCode: 41005,
    ocrCalls: 1,
    run: (stage) => (fault(stage, 41005), stage.ocr.recognize({ img: stage.png })),
  },
  {
    name: 'a busy system on every attempt',
    code: 'SYSTEM_BUSY',
    errCode: -1,
    ocrCalls: FAST_POLICY.maxAttempts,
    run: (stage) => (fault(stage, -1), stage.ocr.recognize({ img: stage.png })),
  },
  {
    name: 'an answer slower than the attempt limit',
    code: 'TIMEOUT',
    ocrCalls: FAST_POLICY.maxAttempts,
    run: (stage) => {
      const ms = FAST_POLICY.attemptTimeoutMs * 4
      stage.t.cloud.faults.inject({ kind: 'latency', ms, on: 'https', times: 'always' })
      return stage.ocr.recognize({ img: stage.png })
    },
  },
  {
    name: 'a dropped connection on every attempt',
    code: 'NETWORK_ERROR',
    ocrCalls: FAST_POLICY.maxAttempts,
    run: (stage) => {
      stage.t.cloud.faults.inject({ kind: 'drop-connection', on: 'https', times: 'always' })
      return stage.ocr.recognize({ img: stage.png })
    },
  },
  {
    name: 'a daily budget whose store fails: nothing is spent that cannot be counted',
    code: 'BUDGET_UNCHECKED',
    ocrCalls: 0,
    run: ({ t, credentials, png }) => {
      const broken = () => Promise.reject(new Error('store down'))
      const store = { get: broken, insert: broken, set: broken, updateIf: broken, removeIf: broken }
      const ocr = createPrintedTextClient({
        ...credentials,
        baseUrl: t.cloud.origin,
        clock: instantClock(),
        retryPolicy: FAST_POLICY,
        store,
        dailyBudget: 5,
      })
      return ocr.recognize({ img: png })
    },
  },
  {
    name: 'an empty body',
    code: 'UPSTREAM_ERROR',
    ocrCalls: 1,
    run: (stage) => {
      stage.t.cloud.faults.inject({ kind: 'empty-body', on: 'https' })
      return stage.ocr.recognize({ img: stage.png })
    },
  },
  {
    name: 'a body that is not JSON',
    code: 'UPSTREAM_ERROR',
    ocrCalls: 1,
    run: (stage) => {
      stage.t.cloud.faults.inject({ kind: 'malformed-body', on: 'https' })
      return stage.ocr.recognize({ img: stage.png })
    },
  },
  {
    name: 'an errcode nobody documented',
    code: 'UPSTREAM_ERROR',
    errCode: 61234,
    ocrCalls: 1,
    run: (stage) => (fault(stage, 61234), stage.ocr.recognize({ img: stage.png })),
  },
]

/** Codes the HTTPS client cannot answer, and why. */
const NOT_OVER_HTTPS: Partial<Record<ErrorCode, string>> = {
  FILE_NOT_FOUND: 'fileID is a cloud function input; the HTTPS client takes imgUrl or img only',
  FILE_FORBIDDEN: 'fileID is a cloud function input; the HTTPS client takes imgUrl or img only',
  PERMISSION_MISSING: '-604101 is the cloud gateway refusing a function, never the HTTPS API',
  INTERNAL: 'only a bug in the client itself gives it',
  USER_LIMIT_REACHED:
    "the function's per-user daily limit; the HTTPS client has no end users to meter",
  QUOTA_BUDGET_REACHED: "the function's account budget; a server counts its own calls",
}

describe('error codes through the HTTPS endpoint', () => {
  let stage: Stage
  const credentials = testCredentials()

  beforeAll(async () => {
    stage = { png: await pngImage(), credentials } as Stage
  })
  beforeEach(async () => {
    const clock = instantClock()
    stage.t = await startTestCloud({ quiet: true, clock, credentials })
    stage.ocr = createPrintedTextClient({
      ...credentials,
      baseUrl: stage.t.cloud.origin,
      clock,
      retryPolicy: FAST_POLICY,
      // Each scenario's exact call count must not depend on the retries of the ones before it.
      retryQuota: new RetryQuota(),
    })
  })
  afterEach(() => stage.t.stop())

  it('places every catalog code: a scenario here, or a reason it cannot happen over HTTPS', () => {
    const reached = new Set(SCENARIOS.map((scenario) => scenario.code))
    const unplaced = ERROR_CODES.filter((code) => !reached.has(code) && !NOT_OVER_HTTPS[code])
    const both = ERROR_CODES.filter((code) => reached.has(code) && NOT_OVER_HTTPS[code])
    expect({ unplaced, both }).toEqual({ unplaced: [], both: [] })
  })

  it.each(SCENARIOS.map((scenario) => [scenario.name, scenario] as const))(
    '%s',
    async (_, scenario) => {
      // Act
      const reply = OcrReplySchema.parse(await scenario.run(stage))
      // Assess
      const entry = ERROR_CATALOG[scenario.code]
      expect(reply).toMatchObject({
        ok: false,
        error: {
          code: scenario.code,
          retryable: entry.retryable,
          hint: entry.hint,
          userMessage: entry.userMessage,
          requestId: expect.any(String),
        },
      })
      if (!reply.ok) expect(reply.error.errCode).toBe(scenario.errCode)
      expect(stage.t.cloud.requests.count('ocr-https')).toBe(scenario.ocrCalls)
    },
  )
})
