// The platform's time limit (context.time_limit_in_ms) read on every call: the retry policy is fitted
// inside it with a margin to answer, and a slow platform gets a typed TIMEOUT before the limit, never
// the platform's kill. Without the field the configured policy holds.
import { createOcrHandler } from '../../src/function/handler'
import { DEFAULT_TRUSTED_SOURCES } from '../../src/source/file-access'
import { DEFAULT_UPLOAD_PREFIX } from '../../src/parse/upload-prefix'
import {
  deadlineOf,
  fitRetryPolicy,
  fitTo,
  functionWindow,
  timeLimitOf,
} from '../../src/function/deadline'
import { claimStaleAt, waitUntil } from '../../src/quota/claim-timing'
import { answerMarginMs, DEFAULT_RETRY_POLICY, FUNCTION_TIMEOUT_MS } from '../../src/retry/policy'
import type { OcrReply } from '../../src/reply/schema'
import { sampleEvent } from '../support/events'
import { createInMemoryPort, SNAKE_REPLY } from '../support/in-memory-port'
import { instantClock } from '../support/instant-clock'
import { virtualClock } from '../support/virtual-clock'
import type { RetryClock } from '../../src/clock/clock'

describe('fitting the retry policy to the time limit', () => {
  it('reads the limit only when it is a positive number', () => {
    expect(timeLimitOf({ time_limit_in_ms: 3000 })).toBe(3000)
    for (const context of [
      undefined,
      null,
      {},
      { time_limit_in_ms: '3000' },
      { time_limit_in_ms: 0 },
    ]) {
      expect(timeLimitOf(context)).toBeUndefined()
    }
  })

  it('keeps 2 s of a 20 s limit to answer: the documented defaults, unchanged', () => {
    expect(answerMarginMs(20_000)).toBe(2000)
    expect(fitRetryPolicy(DEFAULT_RETRY_POLICY, 20_000 - answerMarginMs(20_000))).toEqual(
      DEFAULT_RETRY_POLICY,
    )
  })

  it('agrees with the default policy and the claims on the deployed timeout', () => {
    // Prepare
    const clock = instantClock()
    // Act
    const deadline = deadlineOf({ time_limit_in_ms: FUNCTION_TIMEOUT_MS }, clock)
    const window = functionWindow(deadline, DEFAULT_RETRY_POLICY, clock)
    // Assess: the deadline leaves the default budget whole, and no live call loses its claim.
    expect((deadline?.retryBy ?? 0) - clock.now()).toBe(DEFAULT_RETRY_POLICY.budgetMs)
    expect(fitTo(DEFAULT_RETRY_POLICY, deadline?.retryBy, clock)).toEqual(DEFAULT_RETRY_POLICY)
    expect(waitUntil(window) - clock.now()).toBe(DEFAULT_RETRY_POLICY.budgetMs)
    expect(claimStaleAt(window) - clock.now()).toBeGreaterThan(FUNCTION_TIMEOUT_MS)
  })

  it('fits a 3 s limit: 2.5 s for every attempt and wait, 0.5 s to answer', () => {
    expect(answerMarginMs(3000)).toBe(500)
    expect(fitRetryPolicy(DEFAULT_RETRY_POLICY, 2500)).toEqual({
      ...DEFAULT_RETRY_POLICY,
      budgetMs: 2500,
      attemptTimeoutMs: 2500,
    })
  })

  it('never lengthens a policy beyond its configuration', () => {
    expect(fitRetryPolicy(DEFAULT_RETRY_POLICY, 600_000)).toEqual(DEFAULT_RETRY_POLICY)
  })
})

describe('the handler under a time limit (on virtual time: nothing waits)', () => {
  /** A platform that answers after `ms` of the handler's own clock. */
  function slowPort(ms: number, clock: RetryClock) {
    const port = createInMemoryPort()
    const answer = port.printedText.bind(port)
    port.printedText = async (request) => {
      await clock.sleep(ms)
      return answer(request)
    }
    return port
  }

  function setup(ms: number) {
    const warnings: Record<string, unknown>[] = []
    const clock = virtualClock()
    const port = slowPort(ms, clock)
    port.script = [{ resolve: SNAKE_REPLY }]
    const handler = createOcrHandler(port, {
      clock,
      config: {
        uploadPrefix: DEFAULT_UPLOAD_PREFIX,
        retryPolicy: DEFAULT_RETRY_POLICY,
        trustedSources: DEFAULT_TRUSTED_SOURCES,
      },
      log: () => undefined,
      warn: (line) => warnings.push(line),
    })
    return { handler, warnings, port }
  }

  it('answers a typed TIMEOUT inside a short limit, with the hint to raise it to 20 s and where', async () => {
    const { handler } = setup(1500)
    const reply = (await handler(sampleEvent('img-url'), { time_limit_in_ms: 1000 })) as OcrReply
    expect(reply).toMatchObject({ ok: false, error: { code: 'TIMEOUT', retryable: true } })
    if (reply.ok) return
    expect(reply.error.message).toContain('timeout is 1000 ms')
    expect(reply.error.hint).toContain('20 s')
    expect(reply.error.hint).toContain('tcb fn config update ocrPrintedText')
    expect(reply.error.hint).toContain('超时时间')
  })

  it('reads the limit on every call and warns of a short one once per container', async () => {
    const { handler, warnings } = setup(1500)
    const short = (await handler(sampleEvent('img-url'), { time_limit_in_ms: 1000 })) as OcrReply
    expect(short.ok).toBe(false)
    const long = (await handler(sampleEvent('img-url'), { time_limit_in_ms: 20_000 })) as OcrReply
    expect(long.ok).toBe(true)
    await handler(sampleEvent('img-url'), { time_limit_in_ms: 1000 })
    expect(warnings).toEqual([
      expect.objectContaining({ msg: 'ocrPrintedText time limit too short', timeLimitMs: 1000 }),
    ])
  })

  it('without the field, cuts nothing and warns of nothing', async () => {
    const { handler, warnings } = setup(700)
    expect(((await handler(sampleEvent('img-url'), {})) as OcrReply).ok).toBe(true)
    expect(((await handler(sampleEvent('img-url'))) as OcrReply).ok).toBe(true)
    expect(warnings).toEqual([])
  })
})
