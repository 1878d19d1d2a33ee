// The HTTPS client's slots: a FIFO of at most `limit` in flight, abortable while queued, whose window
// halves on a timeout and grows back by one per window of successes.
import { RequestSlots, type Release } from '../../src/https/request-slots'

async function take(slots: RequestSlots, signal?: AbortSignal): Promise<Release> {
  const release = await slots.acquire(signal)
  if (release === 'aborted') throw new Error('aborted')
  return release
}

test('grants `limit` at once and queues the rest in order', async () => {
  const slots = new RequestSlots(2)
  const [a, b] = [await take(slots), await take(slots)]
  const order: string[] = []
  const c = take(slots).then((release) => (order.push('c'), release))
  const d = take(slots).then((release) => (order.push('d'), release))
  await Promise.resolve()
  expect(order).toEqual([])
  a()
  a() // a second release of the same slot frees nothing more
  ;(await c)()
  b()
  ;(await d)()
  expect(order).toEqual(['c', 'd'])
})

test('an aborted waiter leaves the queue; the slot goes to the next one', async () => {
  const slots = new RequestSlots(1)
  const first = await take(slots)
  const controller = new AbortController()
  const aborted = slots.acquire(controller.signal)
  const next = take(slots)
  controller.abort()
  expect(await aborted).toBe('aborted')
  first()
  await expect(next).resolves.toBeInstanceOf(Function)
})

test('timeouts halve the window; successes grow it back one window at a time', async () => {
  const slots = new RequestSlots(4)
  slots.timedOut()
  expect(slots.current).toBe(2)
  slots.timedOut()
  slots.timedOut()
  expect(slots.current).toBe(1)
  slots.succeeded()
  expect(slots.current).toBe(2)
  slots.succeeded()
  expect(slots.current).toBe(2)
  slots.succeeded()
  expect(slots.current).toBe(3)
  for (let i = 0; i < 10; i++) slots.succeeded()
  expect(slots.current).toBe(4)
})

test('a halved window holds queued calls back until enough slots are released', async () => {
  const slots = new RequestSlots(2)
  const [a, b] = [await take(slots), await take(slots)]
  slots.timedOut()
  let granted = false
  const c = take(slots).then((release) => ((granted = true), release))
  a()
  await Promise.resolve()
  expect(granted).toBe(false)
  b()
  ;(await c)()
  expect(granted).toBe(true)
})
