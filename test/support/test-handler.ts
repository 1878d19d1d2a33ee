// The handler over an in-memory port with the default rules, a deterministic clock, a log that keeps
// its lines and a retry bucket of its own (the process's would carry retries over from earlier tests),
// for the handler's unit tests.
import { DEFAULT_TRUSTED_SOURCES } from '../../src/source/file-access'
import { DEFAULT_UPLOAD_PREFIX } from '../../src/parse/upload-prefix'
import { createOcrHandler, type OcrHandler } from '../../src/function/handler'
import type { CallLogLine } from '../../src/log/log-line'
import type { RetryClock } from '../../src/clock/clock'
import type { QuotaGuard } from '../../src/guard/guarded-recognition'
import type { WarnSink } from '../../src/log/warn'
import { DEFAULT_RETRY_POLICY } from '../../src/retry/policy'
import { RetryQuota } from '../../src/retry/retry-quota'
import type { InMemoryPort } from './in-memory-port'
import { instantClock } from './instant-clock'

export interface TestHandlerOptions {
  /** The result cache and limits; without it every call goes to the platform. */
  guard?: QuotaGuard
  clock?: RetryClock
  warn?: WarnSink
}

export function testHandler(
  port: InMemoryPort,
  options: TestHandlerOptions = {},
): { handler: OcrHandler; logs: CallLogLine[] } {
  const logs: CallLogLine[] = []
  const handler = createOcrHandler(port, {
    config: {
      uploadPrefix: DEFAULT_UPLOAD_PREFIX,
      trustedSources: DEFAULT_TRUSTED_SOURCES,
      retryPolicy: DEFAULT_RETRY_POLICY,
    },
    log: (line) => logs.push(line),
    clock: options.clock ?? instantClock(),
    retryQuota: new RetryQuota(DEFAULT_RETRY_POLICY.retryQuota),
    ...(options.guard === undefined ? {} : { guard: options.guard }),
    ...(options.warn === undefined ? {} : { warn: options.warn }),
  })
  return { handler, logs }
}
