// Load against the local cloud with the real engine: many callers at once must all be answered, and the
// platform must see about one call per caller, not a multiple (test/support/storm.ts has the scenarios).
// Before flow control and the retry quota: 4 of 50 HTTPS callers succeeded with 139 OCR requests, and
// 3 of 30 function invocations with 84 platform calls.
import { functionStorm, httpsStorm } from '../support/storm'

test('50 concurrent HTTPS recognitions of one image: all succeed, <= 55 OCR requests, 1 token request', async () => {
  const storm = await httpsStorm(50)
  expect(storm.failures).toEqual([])
  expect(storm.succeeded).toBe(50)
  expect(storm.ocrRequests).toBeLessThanOrEqual(55)
  expect(storm.tokenRequests).toBe(1)
}, 300_000)

test('30 concurrent function invocations of 30 images: all succeed, <= 33 platform calls', async () => {
  const storm = await functionStorm(30)
  expect(storm.failures).toEqual([])
  expect(storm.succeeded).toBe(30)
  expect(storm.ocrRequests).toBeLessThanOrEqual(33)
}, 300_000)
