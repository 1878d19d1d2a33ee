// One platform call with the retry policy around it: transient failures (busy, timeout, network) are
// tried again within the budget while the process's retry quota lasts; everything else is answered at once.
import { normalizePrintedText } from '../normalize/normalize'
import type { OcrReply } from '../reply/schema'
import type { RetryPolicy } from '../retry/policy'
import { processRetryQuota } from '../retry/retry-quota'
import type { RetryClock } from '../clock/clock'
import { runWithRetry, type RetryReport } from '../retry/run-with-retry'
import { attemptOutcome, outOfTime, replyOf } from '../retry/throttled'
import type { CloudPort, PrintedTextRequest } from './cloud-port'

export async function recognizeWithRetry(
  port: CloudPort,
  request: PrintedTextRequest,
  policy: RetryPolicy,
  clock?: RetryClock,
): Promise<RetryReport<OcrReply>> {
  return runWithRetry<OcrReply>(
    async () => {
      let reply: OcrReply
      try {
        reply = normalizePrintedText(await port.printedText(request))
      } catch (thrown) {
        reply = normalizePrintedText(thrown)
      }
      return attemptOutcome(reply)
    },
    () => outOfTime('ocr.printedText', policy),
    policy,
    clock,
    processRetryQuota(policy.retryQuota),
  ).then((report) => ({ ...report, value: replyOf(report) }))
}
