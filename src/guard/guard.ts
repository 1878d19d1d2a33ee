// The guard stage of the pipeline: the result cache, single flight and daily limits around the platform
// call, or nothing at all. "No guard" is a guard that calls straight through, not another branch.
import type { RetryClock } from '../clock/clock'
import {
  recognizeGuarded,
  type Guarded,
  type GuardSubject,
  type QuotaGuard,
  type RecognizeThunk,
} from './guarded-recognition'

export interface RecognitionGuard {
  run(subject: GuardSubject, recognize: RecognizeThunk): Promise<Guarded>
}

/** Every call goes to the platform; the log line gets no cache fields. */
export const NULL_GUARD: RecognitionGuard = {
  async run(_subject, recognize) {
    return { reply: (await recognize()).value, telemetry: {} }
  },
}

export function guardOf(quota: QuotaGuard | undefined, clock: RetryClock): RecognitionGuard {
  if (quota === undefined) return NULL_GUARD
  return { run: (subject, recognize) => recognizeGuarded(quota, clock, subject, recognize) }
}
