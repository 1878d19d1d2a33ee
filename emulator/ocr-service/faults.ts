// Faults a test arms to see how a client copes: the next N OCR calls answer an error, arrive late, come back
// empty or malformed, or lose their connection. They act on the OCR call only (gateway and HTTPS endpoint),
// after authentication, so token and permission tests are never disturbed by a fault meant for OCR.
// One kind acts on the database instead: `database-latency` holds the next N database actions (every
// cache, claim and counter operation of the function) before they run, to play a slow or hung database.
import { z } from 'zod'

import { WECHAT_ERRORS } from './wechat-errors'

const times = z
  .union([z.number().int().positive(), z.literal('always')])
  .default(1)
  .describe('how many calls the fault applies to')
const on = z.enum(['gateway', 'https', 'both']).default('both')

export const FaultSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('errcode'),
    errcode: z.number().int(),
    errmsg: z.string().optional(),
    times,
    on,
  }),
  z.object({ kind: z.literal('latency'), ms: z.number().int().min(0).max(600_000), times, on }),
  z.object({ kind: z.literal('empty-body'), times, on }),
  z.object({ kind: z.literal('malformed-body'), times, on }),
  z.object({ kind: z.literal('drop-connection'), times, on }),
  z.object({
    kind: z.literal('database-latency'),
    ms: z.number().int().min(0).max(600_000),
    times,
    /** Only actions on this collection (e.g. the daily counters'); default: every action. */
    collection: z.string().min(1).optional(),
  }),
])

/** A fault as a caller writes it (`times` defaults to 1, `on` to both paths). */
export type Fault = z.input<typeof FaultSchema>
export type ArmedFault = z.output<typeof FaultSchema>
export type FaultTarget = 'gateway' | 'https'
export type DatabaseFault = Extract<ArmedFault, { kind: 'database-latency' }>
export type OcrFault = Exclude<ArmedFault, DatabaseFault>
export type FailureFault = Exclude<OcrFault, { kind: 'latency' }>

export interface FaultDecision {
  latencyMs: number
  failure: FailureFault | undefined
}

function defaultErrmsg(errcode: number): string {
  const known = Object.values(WECHAT_ERRORS).find((error) => error.errcode === errcode)
  return known?.errmsg ?? 'system error'
}

export class FaultBoard {
  private armed: ArmedFault[] = []

  constructor(initial: readonly Fault[] = []) {
    for (const fault of initial) this.inject(fault)
  }

  /** Validates and arms a fault; throws a ZodError for a malformed one. */
  inject(fault: Fault): ArmedFault {
    const parsed = FaultSchema.parse(fault)
    const armed =
      parsed.kind === 'errcode' && parsed.errmsg === undefined
        ? { ...parsed, errmsg: defaultErrmsg(parsed.errcode) }
        : parsed
    this.armed.push(armed)
    return armed
  }

  clear(): void {
    this.armed = []
  }

  list(): readonly ArmedFault[] {
    return this.armed.map((fault) => ({ ...fault }))
  }

  /** Consumes what applies to this OCR call: the first latency fault and the first failure fault. */
  take(target: FaultTarget): FaultDecision {
    const onTarget = (fault: ArmedFault): fault is OcrFault =>
      fault.kind !== 'database-latency' && (fault.on === 'both' || fault.on === target)
    const latency = this.consume((fault) => onTarget(fault) && fault.kind === 'latency')
    const failure = this.consume((fault) => onTarget(fault) && fault.kind !== 'latency')
    return {
      latencyMs: latency?.kind === 'latency' ? latency.ms : 0,
      failure:
        failure !== undefined && onTarget(failure) && failure.kind !== 'latency'
          ? failure
          : undefined,
    }
  }

  /** Consumes what applies to this database action: how long it is held before it runs. */
  takeDatabaseDelay(collection: string | undefined): number {
    const fault = this.consume(
      (armed) =>
        armed.kind === 'database-latency' &&
        (armed.collection === undefined || armed.collection === collection),
    )
    return fault?.kind === 'database-latency' ? fault.ms : 0
  }

  private consume(matches: (fault: ArmedFault) => boolean): ArmedFault | undefined {
    const index = this.armed.findIndex(matches)
    const fault = this.armed[index]
    if (fault === undefined) return undefined
    if (fault.times !== 'always') {
      if (fault.times <= 1) this.armed.splice(index, 1)
      else this.armed[index] = { ...fault, times: fault.times - 1 }
    }
    return fault
  }
}
