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
    const outcomes = await callFixtureMany(t, { each: 'ocrBytes', times: CALLS, imageBase64 })
    await t.stop()
    // Assess
    expect(outcomes.filter((o) => !o.ok)).toEqual([])
    expect(outcomes).toHaveLength(CALLS)
    expect(t.engine.calls).toBe(CALLS)
    expect(t.cloud.requests.count('gateway', (r) => r.apiName === 'ocr.printedText')).toBe(CALLS)
    expect(t.cloud.quota.used).toBe(CALLS)
    expect(openNetworkHandles()).toBe(before)
  })

  it('stops while calls are in flight, cutting their wait instead of sitting it out', async () => {
    // Prepare: every call is held back by a latency longer than the test's time limit, so stop() meets
    // open requests, and a stop that waited for them would fail the test by timing out.
    const before = openNetworkHandles()
    const t = await startTestCloud()
    t.cloud.faults.inject({ kind: 'latency', ms: 600_000, times: 'always' })
    const imageBase64 = (await pngImage(32, 32)).toString('base64')
    const pending = callFixtureMany(t, { each: 'ocrBytes', times: 5, imageBase64 })
    while (t.cloud.requests.count('gateway') < 5) await new Promise((r) => setTimeout(r, 20))
    // Act
    await t.stop()
    const outcomes = await pending
    // Assess: every call failed, and none reached the engine, which a latency sat out would have let it.
    expect(outcomes.map((o) => o.ok)).toEqual([false, false, false, false, false])
    expect(t.engine.calls).toBe(0)
    expect(openNetworkHandles()).toBe(before)
  })
})
