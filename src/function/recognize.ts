// One platform call with the retry policy around it: transient failures (busy, timeout, network) are
// tried again within the budget; everything else is answered at once.
import { failure } from '../errors/failure'
import { normalizePrintedText } from '../normalize/normalize'
import type { OcrReply } from '../reply/schema'
import type { RetryPolicy } from '../retry/policy'
import { runWithRetry, type RetryClock, type RetryReport } from '../retry/run-with-retry'
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
      if (reply.ok) return { done: true, value: reply }
      return { done: false, value: reply, retryable: reply.error.retryable }
    },
    () =>
      failure('TIMEOUT', {
        message: `ocr.printedText did not answer within the attempt limit (${policy.attemptTimeoutMs} ms) or the budget (${policy.budgetMs} ms).`,
      }),
    policy,
    clock,
  )
}
