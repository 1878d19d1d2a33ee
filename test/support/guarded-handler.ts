// The handler over an in-memory port with its guard (cache, limits, budget) on a store the test gives,
// the settings read from a function environment as the deployed function reads them, an instant clock,
// and its own store breaker and warnings: nothing is shared with another test.
import { quotaConfigOf } from '../../src/function/config'
import { DEFAULT_UPLOAD_PREFIX } from '../../src/parse/upload-prefix'
import { DEFAULT_TRUSTED_SOURCES } from '../../src/source/file-access'
import { readFunctionEnv } from '../../src/function/env'
import { createOcrHandler, type OcrHandler } from '../../src/function/handler'
import type { CallLogLine } from '../../src/log/log-line'
import { DEFAULT_RETRY_POLICY } from '../../src/retry/policy'
import type { DocumentStore } from '../../src/store/document-store'
import type { InMemoryPort } from './in-memory-port'
import { instantClock, type InstantClock } from './instant-clock'

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
  const logs: CallLogLine[] = []
  const warnings: Record<string, unknown>[] = []
  const handler = createOcrHandler(port, {
    config: {
      uploadPrefix: DEFAULT_UPLOAD_PREFIX,
      trustedSources: DEFAULT_TRUSTED_SOURCES,
      retryPolicy: DEFAULT_RETRY_POLICY,
    },
    log: (line) => logs.push(line),
    warn: (line) => warnings.push(line),
    clock,
    guard: { store, config: quotaConfigOf(readFunctionEnv(env).settings) },
  })
  return { handler, logs, warnings, clock }
}
