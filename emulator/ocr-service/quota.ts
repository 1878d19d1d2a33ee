// The daily call quota. The platform resets it at midnight Beijing time (UTC+8), so the day index is taken
// in that zone whatever the machine's time zone is.
//
// What counts: every OCR call that passed authentication (a valid token, or a permitted function) and was
// not answered by an injected fault, whether the image turns out good or not. The platform meters calls to
// the API, not successes, and counting conservatively means a client tested here never expects more calls
// than it gets. A call refused with 45009 itself does not count.
import type { Clock } from '../options'

const BEIJING_OFFSET_MS = 8 * 3600 * 1000
const DAY_MS = 24 * 3600 * 1000

export interface QuotaState {
  used: number
  limit: number
  remain: number
}

export class DailyQuota {
  private usedToday = 0
  private day: number

  constructor(
    private limitPerDay: number,
    private readonly clock: Clock,
  ) {
    this.day = this.today()
  }

  get used(): number {
    this.roll()
    return this.usedToday
  }

  get limit(): number {
    return this.limitPerDay
  }

  set limit(value: number) {
    if (!Number.isInteger(value) || value < 0) throw new RangeError('limit must be an integer >= 0')
    this.limitPerDay = value
  }

  /** Takes one call from today's quota; false when it is spent. */
  tryConsume(): boolean {
    this.roll()
    if (this.usedToday >= this.limitPerDay) return false
    this.usedToday += 1
    return true
  }

  reset(): void {
    this.usedToday = 0
    this.day = this.today()
  }

  state(): QuotaState {
    const used = this.used
    return { used, limit: this.limitPerDay, remain: Math.max(0, this.limitPerDay - used) }
  }

  private today(): number {
    return Math.floor((this.clock.now() + BEIJING_OFFSET_MS) / DAY_MS)
  }

  private roll(): void {
    const today = this.today()
    if (today !== this.day) {
      this.day = today
      this.usedToday = 0
    }
  }
}
