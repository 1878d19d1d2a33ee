// Every failure, once, for the developer: the stable code, the raw message, the requestId to look up in
// the function's logs, the platform's code and the hint. The user sees only the userMessage.
import type { ShownError } from './shown-error'

export function reportFailure(where: string, error: ShownError): void {
  const { code, message, requestId, errCode, hint } = error
  console.error(`[ocrPrintedText] ${where} failed: ${code}`, {
    code,
    message,
    requestId,
    errCode,
    hint,
  })
}
