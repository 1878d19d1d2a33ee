// A local cloud for a test, on an ephemeral port with a throwaway storage folder: how the tests (but those
// of startLocalCloud's own options) and the storm benchmark start one. It knows either the fixture
// functions (test/support/fixture-functions) or the built ocrPrintedText with its real config.json, and
// it holds the function's environment, as the platform holds what cloudbaserc.json sets, so that every
// invocation through it gets the same.
import { promises as fs } from 'node:fs'
import path from 'node:path'

import { startLocalCloud, type LocalCloud, type StartLocalCloudOptions } from '../../emulator'
import type { OcrEngine } from '../../emulator/engine/types'
import { FakeEngine } from '../../emulator/ocr-service/fake-engine'
import { userUploadPath } from '../../emulator/storage/user-upload'
import { DEFAULT_COLLECTIONS } from '../../src/quota/config'
import { functionScratch } from './function-scratch'
import { pngImage } from './images/formats'

export const FIXTURE_FUNCTIONS_ROOT = path.join(__dirname, 'fixture-functions')
/** With `functions: 'built'`: the same code deployed under a name whose config.json grants nothing. */
export const NO_PERMISSION = 'ocrWithoutPermission'
/** The collections the function's cache and daily limits keep their documents in. */
export const GUARD_COLLECTIONS: readonly string[] = [
  DEFAULT_COLLECTIONS.cache,
  DEFAULT_COLLECTIONS.counters,
]
/**
 * The function's cache and daily limits off, so every call reaches the platform and a test may repeat an
 * image. Their own tests (test/cache) start a cloud with `guard: true` and an empty database.
 */
export const GUARD_OFF_ENV: Readonly<Record<string, string>> = {
  OCR_CACHE_TTL_SECONDS: '0',
  OCR_USER_DAILY_LIMIT: '0',
  OCR_DAILY_BUDGET: '0',
}

/** `'real'`: the default engine, which the cloud loads on its first OCR call and disposes at stop. */
export type EngineChoice = OcrEngine | 'real'

export interface TestCloudOptions<Engine extends EngineChoice> extends Omit<
  StartLocalCloudOptions,
  'engine' | 'functionsRoot' | 'storageDir' | 'database'
> {
  /** Default: a new FakeEngine, which `TestCloud.engine` then is. */
  engine?: Engine
  /** `'fixtures'` (the default) or `'built'`: ocrPrintedText and its twin NO_PERMISSION. */
  functions?: 'fixtures' | 'built'
  /** With `functions: 'built'`: its cache and daily limits on, as deployed; off by default (GUARD_OFF_ENV). */
  guard?: boolean
  /** The collections the database has from the start; default GUARD_COLLECTIONS with `guard`, else none. */
  collections?: readonly string[]
  /** The function's environment variables, after the guard's; a call's own `env` comes last. */
  functionEnv?: Readonly<Record<string, string>>
  /** Nothing on stderr: a failure the cloud logs is asserted through replies instead. */
  quiet?: boolean
}

export interface TestCloud<Engine = FakeEngine> {
  cloud: LocalCloud
  /** The engine behind the cloud; undefined for the real one, which the cloud owns. */
  engine: Engine
  /** What every function invocation through this cloud has in its environment (besides the wiring). */
  functionEnv: Readonly<Record<string, string>>
  /** ocr.printedText calls that reached the gateway: what the platform would charge a function. */
  platformCalls(): number
  stop(): Promise<void>
}

type EngineOf<Choice> = Choice extends 'real' ? undefined : Choice

export async function startTestCloud<Engine extends EngineChoice = FakeEngine>(
  options: TestCloudOptions<Engine> = {},
): Promise<TestCloud<EngineOf<Engine>>> {
  const { engine: choice, functions, guard, collections, functionEnv, quiet, ...rest } = options
  const scratch = await functionScratch('localcloud-test-')
  if (functions === 'built') {
    await fs.mkdir(path.join(scratch.functionsRoot, NO_PERMISSION), { recursive: true })
    await fs.writeFile(
      path.join(scratch.functionsRoot, NO_PERMISSION, 'config.json'),
      '{"permissions":{"openapi":[]}}',
    )
  }
  const engine = choice ?? new FakeEngine()
  const cloud = await startLocalCloud({
    storageDir: scratch.storageDir,
    functionsRoot: functions === 'built' ? scratch.functionsRoot : FIXTURE_FUNCTIONS_ROOT,
    database: { collections: collections ?? (guard === true ? GUARD_COLLECTIONS : []) },
    ...(quiet === true ? { log: () => undefined } : {}),
    ...rest,
    ...(engine === 'real' ? {} : { engine }),
  })
  return {
    cloud,
    // The generic says which: the engine the test chose or the fake one made here, or none.
    engine: (engine === 'real' ? undefined : engine) as EngineOf<Engine>,
    functionEnv: {
      ...(functions === 'built' && guard !== true ? GUARD_OFF_ENV : {}),
      ...functionEnv,
    },
    platformCalls: () => cloud.requests.count('gateway', (r) => r.apiName === 'ocr.printedText'),
    async stop() {
      await cloud.stop()
      await scratch.remove()
    },
  }
}

/** A distinct PNG per index (its size differs), uploaded where `openid` may read it. */
export async function uploadImage(
  cloud: LocalCloud,
  openid: string,
  index: number,
): Promise<{ fileID: string; bytes: Buffer }> {
  const bytes = await pngImage(200 + index, 120)
  const fileID = await cloud.putFile(userUploadPath(openid, `image-${index}.png`), bytes)
  return { fileID, bytes }
}
