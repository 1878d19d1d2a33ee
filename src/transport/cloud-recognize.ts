// One platform call with the retry policy around it: transient failures (busy, timeout, network) are
// tried again within the budget while the retry quota lasts; everything else is answered at once.
import { normalizePrintedText } from '../normalize/normalize'
import type { OcrReply } from '../reply/schema'
import type { RetryPolicy } from '../retry/policy'
import type { RetryQuota } from '../retry/retry-quota'
import type { RetryClock } from '../clock/clock'
import { runWithRetry, type RetryReport } from '../retry/run-with-retry'
import { attemptOutcome, outOfTime, replyOf } from '../retry/throttled'
import type { CloudPort, PrintedTextRequest } from './cloud-port'

export async function recognizeWithRetry(
  port: CloudPort,
  request: PrintedTextRequest,
  policy: RetryPolicy,
  quota: RetryQuota,
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
    quota,
  ).then((report) => ({ ...report, value: replyOf(report) }))
}
