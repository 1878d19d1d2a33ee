// The fixture function (test/support/fixture-functions/ocrFixture): one wx-server-sdk call per `op`, run
// in a child through the real SDK, so the local cloud's wire is tested against the SDK itself. It answers
// `{ok: true, value}` or the error the SDK threw, with the error's own keys.
import path from 'node:path'

import { z } from 'zod'

import { FIXTURE_FUNCTIONS_ROOT, type TestCloud } from './local-cloud'
import { runFunction } from './run-function'

const CaughtSchema = z.object({
  ok: z.literal(false),
  name: z.string().optional(),
  message: z.string().optional(),
  own: z.record(z.string(), z.unknown()),
})
const OutcomeSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  CaughtSchema,
])
export type FixtureOutcome = z.infer<typeof OutcomeSchema>
export type Caught = z.infer<typeof CaughtSchema>

type Cloud = Pick<TestCloud<unknown>, 'cloud' | 'functionEnv'>

/** Runs a fixture function in a child through the real SDK and returns its raw result. */
async function runFixture(
  t: Cloud,
  event: Record<string, unknown>,
  functionName = 'ocrFixture',
  timeoutMs = 30_000,
): Promise<unknown> {
  const functionDir = path.join(FIXTURE_FUNCTIONS_ROOT, functionName)
  const run = await runFunction(t, { functionDir, functionName, event }, { timeoutMs })
  return run.result
}

/** One SDK call through the fixture; `ok:false` carries the thrown error's own keys. */
export async function callFixture(
  t: Cloud,
  event: Record<string, unknown>,
  functionName = 'ocrFixture',
): Promise<FixtureOutcome> {
  return OutcomeSchema.parse(await runFixture(t, event, functionName))
}

/** `times` concurrent SDK calls of the op `each` inside one function invocation. */
export async function callFixtureMany(
  t: Cloud,
  event: Record<string, unknown> & { each: string; times: number },
  functionName = 'ocrFixture',
): Promise<FixtureOutcome[]> {
  const result = await runFixture(t, { ...event, op: 'many' }, functionName, 120_000)
  return z.array(OutcomeSchema).parse(result)
}

/** The SDK error a call threw; fails the test when the call succeeded. */
export function expectCaught(outcome: FixtureOutcome): Caught {
  if (outcome.ok) throw new Error(`expected the SDK to throw, got ${JSON.stringify(outcome.value)}`)
  return outcome
}
