// Playground runs each start a node process: a burst of them runs at most RUN_CONCURRENCY at a time, waits
// in a line of RUN_QUEUE_LENGTH, and beyond that is told "busy" (429) without anything being started.
import { readFileSync } from 'node:fs'

import { RUN_CONCURRENCY, RUN_QUEUE_LENGTH, RunQueue } from '../../emulator/playground/run-queue'
import { pngImage } from '../support/images/formats'
import { startTestCloud, type TestCloud } from '../support/local-cloud'
import { LOOPBACK_ONLY_NODE_OPTIONS } from '../support/child-guard'

/** Function processes this test process has running now (the runner's host script). */
function runningFunctions(): number {
  const children = readFileSync(`/proc/${process.pid}/task/${process.pid}/children`, 'utf8')
  return children
    .trim()
    .split(/\s+/)
    .filter((pid) => pid !== '')
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('function-host.cjs')
      } catch {
        return false // it exited between the two reads
      }
    }).length
}

describe('RunQueue', () => {
  it('starts at most `concurrency` tasks, queues `queueLength`, refuses the rest', async () => {
    // Prepare
    const queue = new RunQueue(2, 1)
    const releases: (() => void)[] = []
    let started = 0
    const task = () =>
      new Promise<void>((resolve) => {
        started += 1
        releases.push(resolve)
      })
    // Act
    const offered = [queue.offer(task), queue.offer(task), queue.offer(task), queue.offer(task)]
    await Promise.resolve()
    // Assess
    expect(offered.map((run) => run !== undefined)).toEqual([true, true, true, false])
    expect(started).toBe(2)
    releases[0]?.()
    await offered[0]
    await new Promise((resolve) => setImmediate(resolve))
    expect(started).toBe(3)
    releases.slice(1).forEach((release) => release())
    await Promise.all(offered)
  })
})

describe('POST /__playground/run under a burst', () => {
  let t: TestCloud
  const savedNodeOptions = process.env['NODE_OPTIONS']
  beforeAll(async () => {
    process.env['NODE_OPTIONS'] = LOOPBACK_ONLY_NODE_OPTIONS
    // Every OCR call takes 300 ms, so the runs overlap for certain.
    t = await startTestCloud({
      functions: 'built',
      faults: [{ kind: 'latency', ms: 300, times: 'always' }],
    })
  })
  afterAll(async () => {
    await t.stop()
    if (savedNodeOptions === undefined) delete process.env['NODE_OPTIONS']
    else process.env['NODE_OPTIONS'] = savedNodeOptions
  })

  it(`runs ${RUN_CONCURRENCY} at a time and answers 429 beyond a line of ${RUN_QUEUE_LENGTH}`, async () => {
    // Prepare
    const image = (await pngImage(64, 32)).toString('base64')
    const burst = RUN_CONCURRENCY + RUN_QUEUE_LENGTH + 3
    let most = 0
    const sampler = setInterval(() => (most = Math.max(most, runningFunctions())), 5)
    // Act
    const answers = await Promise.all(
      Array.from({ length: burst }, () =>
        fetch(`${t.cloud.origin}/__playground/run`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ image, name: 'a.png' }),
        }).then(async (response) => ({ status: response.status, body: await response.text() })),
      ),
    )
    clearInterval(sampler)
    // Assess
    const statuses = answers.map((answer) => answer.status).sort()
    expect(statuses).toEqual([
      ...Array<number>(RUN_CONCURRENCY + RUN_QUEUE_LENGTH).fill(200),
      429,
      429,
      429,
    ])
    expect(answers.find((answer) => answer.status === 429)?.body).toMatch(/busy/)
    expect(most).toBe(RUN_CONCURRENCY)
  })
})
