// A circuit breaker in front of the store, one per process (one per function container, one per HTTPS
// client unless clients are given the same one): after `failures` operations in a row fail or run out of
// time, the store is skipped for `openMs`, so a database that is down costs each call nothing instead of
// a deadline. Then one operation is let through (half-open): its success closes the breaker, its failure
// opens it again. The opening is said once through the warn sink, and the recovery once.
import type { WarnSink } from '../log/warn'

export interface BreakerRule {
  /** Failed operations in a row that open the breaker. */
  readonly failures: number
  /** How long the store is skipped once the breaker is open. */
  readonly openMs: number
}

export const DEFAULT_BREAKER_RULE: BreakerRule = Object.freeze({ failures: 3, openMs: 30_000 })

export type BreakerState = 'closed' | 'open' | 'half-open'

export interface StoreBreakerOptions {
  /** The pipeline's clock (RetryClock.now), so a test moves past `openMs` without waiting. */
  now: () => number
  warn: WarnSink
  rule?: BreakerRule
}

export class StoreBreaker {
  private readonly now: () => number
  private readonly warn: WarnSink
  private readonly rule: BreakerRule
  private failedInARow = 0
  private openUntil: number | undefined
  private probing = false

  constructor(options: StoreBreakerOptions) {
    this.now = options.now
    this.warn = options.warn
    this.rule = options.rule ?? DEFAULT_BREAKER_RULE
  }

  get state(): BreakerState {
    if (this.openUntil === undefined) return 'closed'
    return this.now() < this.openUntil ? 'open' : 'half-open'
  }

  /** Whether an operation may go to the store now; in half-open, only one at a time (the probe). */
  admit(): boolean {
    const state = this.state
    if (state === 'closed') return true
    if (state === 'open' || this.probing) return false
    this.probing = true
    return true
  }

  succeeded(): void {
    this.failedInARow = 0
    this.probing = false
    if (this.openUntil === undefined) return
    this.openUntil = undefined
    this.warn({ msg: 'store breaker closed', reason: 'an operation succeeded after the pause' })
  }

  failed(): void {
    this.failedInARow++
    const reopening = this.probing
    this.probing = false
    if (!reopening && this.failedInARow < this.rule.failures) return
    if (!reopening && this.openUntil !== undefined) return
    this.openUntil = this.now() + this.rule.openMs
    // Said once per outage: a probe that fails opens the breaker again without another line.
    if (!reopening) {
      this.warn({
        msg: 'store breaker open',
        failures: this.failedInARow,
        skippedForMs: this.rule.openMs,
      })
    }
  }
}
