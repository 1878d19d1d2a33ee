// The process-wide retry quota: a token bucket that lets a few failures be retried and answers the rest
// at once when everything is failing, refilled by successes. Exact attempt counts, deterministic clock.
import { processRetryQuota, RetryQuota, DEFAULT_RETRY_QUOTA } from '../../src/retry/retry-quota'
import type { RetryPolicy } from '../../src/retry/policy'
import { runWithRetry, type AttemptOutcome } from '../../src/retry/run-with-retry'
import { instantClock } from '../support/instant-clock'

const policy: RetryPolicy = {
  maxAttempts: 3,
  baseDelayMs: 10,
  maxDelayMs: 100,
  budgetMs: 10_000,
  attemptTimeoutMs: 2_000,
}
const busy: AttemptOutcome<string> = { done: false, value: 'busy', retryable: true }
const timedOut: AttemptOutcome<string> = { ...busy, value: 'timeout', timedOut: true }
const ok: AttemptOutcome<string> = { done: true, value: 'ok' }

/** Runs one call whose attempts answer `outcomes` in turn; returns how many attempts it made. */
async function call(quota: RetryQuota, outcomes: Array<AttemptOutcome<string>>): Promise<number> {
  let made = 0
  const attempt = async () =>
    outcomes[Math.min(made++, outcomes.length - 1)] as AttemptOutcome<string>
  const report = await runWithRetry(attempt, () => 'timeout', policy, instantClock(), quota)
  return report.attempts
}

it('uses the AWS standard mode shape, scaled to a tenth for a 100-a-day API', () => {
  expect(DEFAULT_RETRY_QUOTA).toEqual({
    capacity: 50,
    retryCost: 5,
    timeoutRetryCost: 10,
    successRefund: 1,
  })
})

it('a storm of failures: 10 retries in all, then every failure is answered at once', async () => {
  // Prepare: everything fails, as when the platform is down.
  const quota = new RetryQuota()
  // Act: 20 calls, each would make 3 attempts without the quota.
  const attempts: number[] = []
  for (let i = 0; i < 20; i++) attempts.push(await call(quota, [busy]))
  // Assess: 5 calls retried twice (10 retries x 5 tokens = 50), the other 15 tried once.
  expect(attempts.reduce((a, b) => a + b, 0)).toBe(20 + 10)
  expect(attempts.slice(0, 5)).toEqual([3, 3, 3, 3, 3])
  expect(attempts.slice(5)).toEqual(Array(15).fill(1))
  expect(quota.available).toBe(0)
})

it('a retry after a timeout costs twice as much', async () => {
  const quota = new RetryQuota()
  const attempts: number[] = []
  for (let i = 0; i < 4; i++) attempts.push(await call(quota, [timedOut]))
  // 50 tokens pay 5 timeout retries: two calls retried twice, one once, one not at all.
  expect(attempts).toEqual([3, 3, 2, 1])
})

it('successes refill it: one token each, and a retry that succeeds gives its cost back', async () => {
  const quota = new RetryQuota()
  for (let i = 0; i < 10; i++) await call(quota, [busy])
  expect(quota.available).toBe(0)
  for (let i = 0; i < 5; i++) await call(quota, [ok])
  expect(quota.available).toBe(5)
  expect(await call(quota, [busy, ok])).toBe(2)
  expect(quota.available).toBe(5)
  // Never above capacity.
  for (let i = 0; i < 100; i++) await call(quota, [ok])
  expect(quota.available).toBe(50)
})

it('the throttled report says so', async () => {
  const quota = new RetryQuota({ ...DEFAULT_RETRY_QUOTA, capacity: 0 })
  const report = await runWithRetry(
    async () => busy,
    () => 'timeout',
    policy,
    instantClock(),
    quota,
  )
  expect(report).toEqual({ value: 'busy', attempts: 1, outOfBudget: false, throttled: true })
})

it('is one bucket per process for the same numbers', () => {
  expect(processRetryQuota()).toBe(processRetryQuota({ ...DEFAULT_RETRY_QUOTA }))
  expect(processRetryQuota({ ...DEFAULT_RETRY_QUOTA, capacity: 7 })).not.toBe(processRetryQuota())
})
