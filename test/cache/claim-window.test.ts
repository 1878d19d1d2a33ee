// Claims that end with their call: a call writes into its claim on an image when it will surely have
// stopped (its own time limit), so a dead call on the platform's 3 s default blocks the image for about
// 3 s, not 25; and a duplicate waits for another call's result no longer than its own remaining time.
import { CLAIM_CLOCK_SKEW_MS } from '../../src/quota/claim-timing'
import { createMemoryStore } from '../../src/store/memory-store'
import { guardedHandler } from '../support/guarded-handler'
import { CAMEL_REPLY, createInMemoryPort } from '../support/in-memory-port'
import { pngImage } from '../support/images/formats'

const SHORT_LIMIT = { time_limit_in_ms: 3000 }

/** A platform call that hangs until `answer()`; `reached` resolves once it was made. */
function hangingCall() {
  let answer: (value: unknown) => void = () => undefined
  let reached: () => void = () => undefined
  const held = {
    pending: new Promise((resolve) => (answer = resolve)),
    reached: new Promise<void>((resolve) => (reached = resolve)),
    answer: () => answer(CAMEL_REPLY),
  }
  return { held, onCall: () => reached() }
}

const imgEvent = async () => ({
  img: { contentType: 'image/png', value: (await pngImage(333, 160)).toString('base64') },
})

it('a claim left by a call on a 3 s limit is taken over once that limit (and the skew) has passed', async () => {
  // Prepare: call A claims the image, reaches the platform and hangs there, as a call that died would.
  const { held, onCall } = hangingCall()
  const port = createInMemoryPort({ script: [{ resolve: held.pending }, { resolve: CAMEL_REPLY }] })
  const printedText = port.printedText.bind(port)
  port.printedText = (request) => (onCall(), printedText(request))
  const { handler, clock } = guardedHandler(port, createMemoryStore())
  const event = await imgEvent()
  const dead = handler(event, SHORT_LIMIT)
  await held.reached
  clock.advance(SHORT_LIMIT.time_limit_in_ms + CLAIM_CLOCK_SKEW_MS + 1)
  // Act: call B, the same image, 4 s later (25 s before the old fixed claim would have gone stale).
  const takeover = await handler(event, SHORT_LIMIT)
  held.answer()
  await dead
  // Assess
  expect(takeover).toMatchObject({ ok: true })
  expect(takeover).not.toHaveProperty('cached')
  expect(port.calls).toHaveLength(2)
})

it('a duplicate on a 3 s limit waits for the owner no longer than its own remaining time', async () => {
  // Prepare: call A (a 20 s limit) holds the image at the platform.
  const { held, onCall } = hangingCall()
  const port = createInMemoryPort({ script: [{ resolve: held.pending }] })
  const printedText = port.printedText.bind(port)
  port.printedText = (request) => (onCall(), printedText(request))
  const { handler, clock, logs } = guardedHandler(port, createMemoryStore())
  const event = await imgEvent()
  const owner = handler(event, { time_limit_in_ms: 20_000 })
  await held.reached
  const waitStarted = clock.now()
  // Act
  const duplicate = await handler(event, SHORT_LIMIT)
  const waitedMs = clock.now() - waitStarted
  held.answer()
  await owner
  // Assess
  expect(duplicate).toMatchObject({ ok: false, error: { code: 'TIMEOUT' } })
  expect(logs[0]).toMatchObject({ cache: 'wait-timeout' })
  expect(waitedMs).toBeGreaterThan(0)
  expect(waitedMs).toBeLessThanOrEqual(SHORT_LIMIT.time_limit_in_ms)
  expect(port.calls).toHaveLength(1)
})
