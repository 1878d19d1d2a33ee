// The account budget holds while the database is slow: 100 simultaneous invocations of the built
// function, through the real wx-server-sdk, against a local cloud whose database holds its first 50
// actions on the daily counters for 20 s (the `database-latency` fault), longer than any invocation's
// store deadline: those 50 budget checks cannot complete, the other 50 can, and all run at once. Before,
// a database operation that timed out was skipped and the call spent anyway: 55 platform calls went out
// against a budget of 31. Now a call whose budget check cannot complete answers BUDGET_UNCHECKED.
import { DEFAULT_COLLECTIONS } from '../../src/quota/config'
import { callFunction, errorCode } from '../support/built-function'
import { pngImage } from '../support/images/formats'
import { startTestCloud, type TestCloud } from '../support/local-cloud'

const INVOCATIONS = 100
const BUDGET = 31
/**
 * A limit of 60 s, because 100 processes starting at once share 2 cores: each invocation's store
 * deadline is then a quarter of its 58 s of work, 14.5 s.
 */
const TIME_LIMIT_MS = 60_000
const HELD_ACTIONS = 50
/** Longer than any invocation's store deadline: a held action is one its call gives up on. */
const HELD_MS = 20_000

let t: TestCloud
afterEach(() => t.stop())

test(`${INVOCATIONS} simultaneous invocations with a budget of ${BUDGET} and a slow database make at most ${BUDGET} platform calls`, async () => {
  // Prepare: a distinct image per invocation, so the cache shares nothing and every call must count.
  t = await startTestCloud({
    functions: 'built',
    guard: true,
    quiet: true,
    functionEnv: { OCR_DAILY_BUDGET: String(BUDGET), OCR_USER_DAILY_LIMIT: '0' },
  })
  // The bytes travel in the event (no storage download): every invocation's first cloud call is the
  // database's, and 100 downloads do not crowd the 2 cores.
  const openid = 'oSlowDatabase'
  const images = await Promise.all(
    Array.from({ length: INVOCATIONS }, async (_, i) => ({
      img: { contentType: 'image/png', value: (await pngImage(200 + i, 120)).toString('base64') },
    })),
  )
  // Held on the counters only: a held cache lookup would only cost the cache (fail-open), and which
  // invocations' lookups came first would decide whether any budget check is held at all.
  t.cloud.faults.inject({
    kind: 'database-latency',
    ms: HELD_MS,
    times: HELD_ACTIONS,
    collection: DEFAULT_COLLECTIONS.counters,
  })
  // Act: a process the machine was too busy to start in time is an outcome too (its calls still count).
  const settled = await Promise.allSettled(
    images.map((event) => callFunction(t, event, { openid, timeoutMs: TIME_LIMIT_MS })),
  )
  // Assess
  const calls = settled.flatMap((call) => (call.status === 'fulfilled' ? [call.value] : []))
  const codes = settled.map((call) =>
    call.status === 'fulfilled' ? errorCode(call.value.reply) : `not run: ${String(call.reason)}`,
  )
  const count = (code: string) => codes.filter((seen) => seen === code).length
  const outcomes = [...new Set(codes)].map((code) => `${code} ${count(code)}`).join(', ')
  process.stdout.write(
    `slow database: ${t.platformCalls()} platform calls from ${INVOCATIONS} invocations against a ` +
      `budget of ${BUDGET} (${outcomes})\n`,
  )
  expect(t.platformCalls()).toBeLessThanOrEqual(BUDGET)
  expect(count('ok')).toBeLessThanOrEqual(t.platformCalls())
  expect(count('BUDGET_UNCHECKED')).toBeGreaterThan(0)
  // A call the machine was too slow to finish in its limit answers TIMEOUT (its platform call, if it
  // made one, is counted above); nothing else.
  const expected = new Set(['ok', 'BUDGET_UNCHECKED', 'QUOTA_BUDGET_REACHED', 'TIMEOUT'])
  expect(calls.map(({ reply }) => errorCode(reply)).filter((code) => !expected.has(code))).toEqual(
    [],
  )
  const unchecked = calls.find(({ reply }) => errorCode(reply) === 'BUDGET_UNCHECKED')
  expect(unchecked?.log.storeErrors).toEqual(
    expect.arrayContaining([expect.stringMatching(/: timeout$/)]),
  )
}, 400_000)
