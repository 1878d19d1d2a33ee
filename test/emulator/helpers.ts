// Shared test scaffolding: a local cloud on an ephemeral port with the fake engine and a throwaway storage
// folder, the fixture function run through the real wx-server-sdk in a child, and test images.
import { randomBytes } from 'node:crypto'
import { promises as fs } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import sharp from 'sharp'
import { z } from 'zod'

import { FakeEngine } from '../../emulator/fake-engine'
import { invokeFunction } from '../../emulator/function-runner'
import { startLocalCloud, type LocalCloud, type StartLocalCloudOptions } from '../../emulator/index'
import {
  startLoopbackServer,
  type LoopbackServer,
  type ServedFile,
} from '../support/loopback-server'
import { LOOPBACK_ONLY_NODE_OPTIONS } from '../support/network-guard'

export const FUNCTIONS_ROOT = path.join(__dirname, 'fixtures', 'functions')

export interface TestCloud {
  cloud: LocalCloud
  engine: FakeEngine
  dispose(): Promise<void>
}

export async function startTestCloud(options: StartLocalCloudOptions = {}): Promise<TestCloud> {
  const storageDir = await fs.mkdtemp(path.join(os.tmpdir(), 'localcloud-test-'))
  const engine = new FakeEngine()
  const cloud = await startLocalCloud({
    engine,
    storageDir,
    functionsRoot: FUNCTIONS_ROOT,
    ...options,
  })
  return {
    cloud,
    engine,
    async dispose() {
      await cloud.stop()
      await fs.rm(storageDir, { recursive: true, force: true })
    },
  }
}

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

/** The environment every child gets in tests: the loopback-only guard, reporting on stderr. */
export const GUARDED_ENV = {
  NODE_OPTIONS: LOOPBACK_ONLY_NODE_OPTIONS,
  LOOPBACK_ONLY_REPORT: 'stderr',
}

/** Runs the fixture function in a child through the real SDK and returns its raw result. */
export async function runFixture(
  cloud: LocalCloud,
  event: Record<string, unknown>,
  functionName = 'ocrFixture',
  timeoutMs = 30_000,
): Promise<unknown> {
  const { result, stderr } = await invokeFunction({
    functionDir: path.join(FUNCTIONS_ROOT, functionName),
    functionName,
    event,
    cloud,
    timeoutMs,
    extraEnv: GUARDED_ENV,
  })
  // Any lookup or connection beyond loopback in the child fails the test here.
  expect(stderr).not.toContain('[loopback-only]')
  return result
}

/** One SDK call through the fixture; `ok:false` carries the thrown error's own keys. */
export async function callFixture(
  cloud: LocalCloud,
  event: Record<string, unknown>,
  functionName = 'ocrFixture',
): Promise<FixtureOutcome> {
  return OutcomeSchema.parse(await runFixture(cloud, event, functionName))
}

/** The SDK error a call threw; fails the test when the call succeeded. */
export function expectCaught(outcome: FixtureOutcome): Caught {
  if (outcome.ok) throw new Error(`expected the SDK to throw, got ${JSON.stringify(outcome.value)}`)
  return outcome
}

export function pngImage(width: number, height: number, background = '#ffffff'): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background } })
    .png()
    .toBuffer()
}

/** A real PNG larger than the platform's 2 MB limit (noise does not compress). */
export async function oversizedPng(): Promise<Buffer> {
  const width = 1000
  const height = 800
  const noise = randomBytes(width * height * 3)
  return sharp(noise, { raw: { width, height, channels: 3 } })
    .png({ compressionLevel: 0 })
    .toBuffer()
}

export type { ServedFile } from '../support/loopback-server'
export type FileServer = LoopbackServer

/** A loopback HTTP server that serves fixed bodies by path, for `img_url` tests. */
export function startFileServer(files: Record<string, ServedFile>): Promise<FileServer> {
  return startLoopbackServer((rawUrl) => files[rawUrl])
}

/** `times` concurrent SDK calls of the op `each` inside one function invocation. */
export async function callFixtureMany(
  cloud: LocalCloud,
  event: Record<string, unknown> & { each: string; times: number },
  functionName = 'ocrFixture',
): Promise<FixtureOutcome[]> {
  const result = await runFixture(cloud, { ...event, op: 'many' }, functionName, 120_000)
  return z.array(OutcomeSchema).parse(result)
}
