// 200 concurrent OCR calls through the real SDK and the gateway wire, then a stop that leaves nothing open.
import { startTestCloud } from '../support/local-cloud'
import { pngImage } from '../support/images/formats'
import { callFixtureMany } from '../support/fixture-function'

const CALLS = 200

function openNetworkHandles(): number {
  return process
    .getActiveResourcesInfo()
    .filter((name) => name === 'TCPSocketWrap' || name === 'TCPServerWrap').length
}

describe('load', () => {
  it(`answers ${CALLS} concurrent calls without an error and leaks no handle`, async () => {
    // Prepare
    const before = openNetworkHandles()
    const t = await startTestCloud({ dailyQuota: CALLS })
    const imageBase64 = (await pngImage(640, 480)).toString('base64')
    // Act
    const started = performance.now()
    const outcomes = await callFixtureMany(t, { each: 'ocrBytes', times: CALLS, imageBase64 })
    const elapsedMs = performance.now() - started
    await t.stop()
    // Assess
    expect(outcomes.filter((o) => !o.ok)).toEqual([])
    expect(outcomes).toHaveLength(CALLS)
    expect(t.engine.calls).toBe(CALLS)
    expect(t.cloud.requests.count('gateway', (r) => r.apiName === 'ocr.printedText')).toBe(CALLS)
    expect(t.cloud.quota.used).toBe(CALLS)
    expect(elapsedMs).toBeLessThan(60_000)
    expect(openNetworkHandles()).toBe(before)
  })

  it('stops while calls are in flight without hanging', async () => {
    // Prepare: every call is held back by latency, so stop() meets open requests.
    const before = openNetworkHandles()
    const t = await startTestCloud()
    t.cloud.faults.inject({ kind: 'latency', ms: 60_000, times: 'always' })
    const imageBase64 = (await pngImage(32, 32)).toString('base64')
    const pending = callFixtureMany(t, { each: 'ocrBytes', times: 5, imageBase64 })
    while (t.cloud.requests.count('gateway') < 5) await new Promise((r) => setTimeout(r, 20))
    // Act
    const started = performance.now()
    await t.stop()
    // Assess
    expect(performance.now() - started).toBeLessThan(2000)
    const outcomes = await pending
    expect(outcomes.every((o) => !o.ok)).toBe(true)
    expect(openNetworkHandles()).toBe(before)
  })
})
