import { readFileSync } from 'node:fs'
import path from 'node:path'
import {
  answerMarginMs,
  backoffDelay,
  DEFAULT_RETRY_POLICY,
  FUNCTION_TIMEOUT_MS,
  type RetryPolicy,
} from '../../src/retry/policy'
import { runWithRetry, type AttemptOutcome } from '../../src/retry/run-with-retry'
import { instantClock } from '../support/instant-clock'

const policy: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 100,
  maxDelayMs: 1000,
  budgetMs: 10_000,
  attemptTimeoutMs: 2_000,
}

function scripted(outcomes: Array<AttemptOutcome<string>>) {
  const calls: number[] = []
  return {
    calls,
    attempt: async (timeoutMs: number) => {
      calls.push(timeoutMs)
      return outcomes[Math.min(calls.length - 1, outcomes.length - 1)] as AttemptOutcome<string>
    },
  }
}

const busy: AttemptOutcome<string> = { done: false, value: 'busy', retryable: true }
const fatal: AttemptOutcome<string> = { done: false, value: 'quota', retryable: false }
const ok: AttemptOutcome<string> = { done: true, value: 'ok' }

describe('backoffDelay', () => {
  it('grows exponentially under the cap, drawn in [0, ceiling)', () => {
    expect([0, 1, 2, 3, 4, 5].map((i) => backoffDelay(policy, i, () => 0.999999))).toEqual([
      99, 199, 399, 799, 999, 999,
    ])
    expect(backoffDelay(policy, 3, () => 0)).toBe(0)
  })
})

describe('runWithRetry', () => {
  it('stops at the first success', async () => {
    const s = scripted([busy, busy, ok])
    const report = await runWithRetry(s.attempt, () => 'timeout', policy, instantClock())
    expect(report).toEqual({ value: 'ok', attempts: 3, outOfBudget: false })
    expect(s.calls).toHaveLength(3)
  })

  it('never retries what is not retryable', async () => {
    const s = scripted([fatal, ok])
    const report = await runWithRetry(s.attempt, () => 'timeout', policy, instantClock())
    expect(report).toEqual({ value: 'quota', attempts: 1, outOfBudget: false })
  })

  it('gives up after maxAttempts with the last failure', async () => {
    const clock = instantClock()
    const s = scripted([busy])
    const report = await runWithRetry(s.attempt, () => 'timeout', policy, clock)
    expect(report).toEqual({ value: 'busy', attempts: 4, outOfBudget: false })
    expect(clock.sleeps).toEqual([50, 100, 200]) // random 0.5 × 100, 200, 400
  })

  it('does not start a wait that would end past the budget', async () => {
    const clock = instantClock(() => 0.99)
    const s = scripted([busy])
    const tight = { ...policy, budgetMs: 250 }
    const report = await runWithRetry(s.attempt, () => 'timeout', tight, clock)
    // 99 ms wait fits, then 198 more would end at 297 > 250.
    expect(report).toEqual({ value: 'busy', attempts: 2, outOfBudget: true })
  })

  it('abandons a hanging attempt at its time limit and calls it retryable', async () => {
    const hanging = { ...policy, maxAttempts: 2, attemptTimeoutMs: 20, baseDelayMs: 1 }
    let calls = 0
    const report = await runWithRetry(
      () => {
        calls++
        return new Promise<AttemptOutcome<string>>(() => undefined)
      },
      () => 'timeout',
      hanging,
    )
    expect(report).toEqual({ value: 'timeout', attempts: 2, outOfBudget: false })
    expect(calls).toBe(2)
  })

  it('gives each attempt no more than the budget that is left', async () => {
    const clock = instantClock()
    const s = scripted([busy, busy, ok])
    await runWithRetry(
      async (t) => {
        clock.advance(1_500)
        return s.attempt(t)
      },
      () => 'timeout',
      { ...policy, budgetMs: 4_000 },
      clock,
    )
    // 1 500 ms per attempt plus waits of 50 and 100 ms leave 4 000 - 3 150 = 850 ms for the third.
    expect(s.calls).toEqual([2_000, 2_000, 850])
  })

  it('keeps the default policy inside the timeout cloudbaserc.json deploys with', () => {
    const rc = JSON.parse(
      readFileSync(path.join(__dirname, '..', '..', 'cloudbaserc.json'), 'utf8'),
    ) as {
      functions: { name: string; timeout: number }[]
    }
    const deployed = rc.functions.find((fn) => fn.name === 'ocrPrintedText')
    expect((deployed?.timeout ?? 0) * 1000).toBe(FUNCTION_TIMEOUT_MS)
    // The answer margin is kept for reading the image and answering.
    expect(DEFAULT_RETRY_POLICY.budgetMs).toBe(
      (deployed?.timeout ?? 0) * 1000 - answerMarginMs(FUNCTION_TIMEOUT_MS),
    )
    expect(DEFAULT_RETRY_POLICY.attemptTimeoutMs).toBeLessThan(DEFAULT_RETRY_POLICY.budgetMs)
  })
})
