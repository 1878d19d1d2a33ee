// A retry quota shared by every call of the process: the token bucket of the AWS SDKs' standard retry
// mode. Each retry takes tokens (more after a timeout, the retry most likely to land on an overloaded
// backend and be charged twice); a success gives some back. When the platform is failing for everyone,
// the bucket empties after a few retries and every later failure is answered at once instead of being
// repeated: retries cannot multiply the load, nor spend a day's quota in seconds.

export interface RetryQuotaRule {
  /** Tokens in a full bucket, and the most it ever holds. */
  readonly capacity: number
  /** Tokens one retry takes. */
  readonly retryCost: number
  /** Tokens one retry after a timeout takes. */
  readonly timeoutRetryCost: number
  /** Tokens a success at the first attempt gives back (a success after a retry returns that retry's). */
  readonly successRefund: number
}

/**
 * The AWS SDKs use 500 / 5 / 10 / 1: a burst of 100 retries (50 after timeouts) for APIs called millions
 * of times a day. ocr.printedText allows about 100 calls a day, so the bucket is a tenth of theirs: at
 * most 10 retries (5 after timeouts) in a burst, about 10% of the day's quota, before retries stop; after
 * that, each retry must be earned by 5 first-attempt successes (10 for a timeout retry).
 */
export const DEFAULT_RETRY_QUOTA: RetryQuotaRule = Object.freeze({
  capacity: 50,
  retryCost: 5,
  timeoutRetryCost: 10,
  successRefund: 1,
})

export class RetryQuota {
  private tokens: number

  constructor(readonly rule: RetryQuotaRule = DEFAULT_RETRY_QUOTA) {
    this.tokens = rule.capacity
  }

  /** Tokens left, for log lines and tests. */
  get available(): number {
    return this.tokens
  }

  /** Takes the cost of one retry; undefined (and nothing taken) when the bucket cannot pay it. */
  acquire(afterTimeout: boolean): number | undefined {
    const cost = afterTimeout ? this.rule.timeoutRetryCost : this.rule.retryCost
    if (cost > this.tokens) return undefined
    this.tokens -= cost
    return cost
  }

  /** A success: the cost of the retry that led to it comes back, or the refund for a first attempt. */
  succeeded(retryCost: number | undefined): void {
    const back = retryCost ?? this.rule.successRefund
    this.tokens = Math.min(this.rule.capacity, this.tokens + back)
  }
}

const processQuotas = new Map<string, RetryQuota>()

/** The one bucket of this process for a rule: every client and every call with the same rule shares it. */
export function processRetryQuota(rule: RetryQuotaRule = DEFAULT_RETRY_QUOTA): RetryQuota {
  const key = JSON.stringify([
    rule.capacity,
    rule.retryCost,
    rule.timeoutRetryCost,
    rule.successRefund,
  ])
  let quota = processQuotas.get(key)
  if (quota === undefined) {
    quota = new RetryQuota(rule)
    processQuotas.set(key, quota)
  }
  return quota
}
