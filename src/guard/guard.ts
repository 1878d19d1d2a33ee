// The guard stage of the pipeline: the result cache, single flight and daily limits around the platform
// call, or nothing at all. "No guard" is a guard that calls straight through, not another branch.
import type { WarnSink } from '../log/warn'
import type { CallWindow } from '../quota/call-window'
import type { RetryClock } from '../clock/clock'
import { StoreBreaker } from '../store/store-breaker'
import {
  recognizeGuarded,
  type Guarded,
  type GuardSubject,
  type QuotaGuard,
  type RecognizeThunk,
} from './guarded-recognition'

export interface RecognitionGuard {
  run(subject: GuardSubject, recognize: RecognizeThunk, window: CallWindow): Promise<Guarded>
}

/** Every call goes to the platform; the log line gets no cache fields. */
export const NULL_GUARD: RecognitionGuard = {
  async run(_subject, recognize) {
    return { reply: (await recognize()).value, telemetry: {} }
  },
}

/** The breaker, when none is given, lives as long as the guard: one per container or client. */
export function guardOf(
  quota: QuotaGuard | undefined,
  clock: RetryClock,
  warn: WarnSink,
): RecognitionGuard {
  if (quota === undefined) return NULL_GUARD
  const breaker = quota.breaker ?? new StoreBreaker({ now: () => clock.now(), warn })
  const guard = { ...quota, breaker }
  return {
    run: (subject, recognize, window) => recognizeGuarded(guard, clock, subject, recognize, window),
  }
}
