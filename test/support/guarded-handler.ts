// The handler over an in-memory port with its guard (cache, limits, budget) on a store the test gives,
// the settings read from a function environment as the deployed function reads them, an instant clock,
// and its own store breaker, retry bucket and warnings: nothing is shared with another test.
import { quotaConfigOf } from '../../src/function/config'
import { readFunctionEnv } from '../../src/function/env'
import type { OcrHandler } from '../../src/function/handler'
import type { CallLogLine } from '../../src/log/log-line'
import type { DocumentStore } from '../../src/store/document-store'
import type { InMemoryPort } from './in-memory-port'
import { instantClock, type InstantClock } from './instant-clock'
import { testHandler } from './test-handler'

export interface GuardedHandler {
  handler: OcrHandler
  logs: CallLogLine[]
  warnings: Record<string, unknown>[]
  clock: InstantClock
}

export function guardedHandler(
  port: InMemoryPort,
  store: DocumentStore,
  env: NodeJS.ProcessEnv = {},
  clock: InstantClock = instantClock(),
): GuardedHandler {
  const warnings: Record<string, unknown>[] = []
  const { handler, logs } = testHandler(port, {
    clock,
    warn: (line) => warnings.push(line),
    guard: { store, config: quotaConfigOf(readFunctionEnv(env).settings) },
  })
  return { handler, logs, warnings, clock }
}
