// Load scenarios against the local cloud with the real OCR engine: many callers at once, counting what
// the platform would charge. Shared by the storm test (test/storm) and `npm run bench` (bench/storm.ts).
import { loadDefaultEngine } from '../../emulator/ocr-service/default-engine'
import type { OcrEngine } from '../../emulator/engine/types'
import { userUploadPath } from '../../emulator/storage/user-upload'
import { createPrintedTextClient } from '../../src/https'
import type { OcrReply } from '../../src/reply/schema'
import { callFunction } from './built-function'
import { generateTextImage, randomTextCard } from './images'
import { startTestCloud, type TestCloud } from './local-cloud'

export interface StormResult {
  callers: number
  succeeded: number
  /** Codes of the replies that failed, for the message when a target is missed. */
  failures: string[]
  /** OCR requests that reached the local cloud: what the platform would charge. */
  ocrRequests: number
  tokenRequests: number
  wallMs: number
}

/**
 * A local cloud whose engine is loaded and has recognized `warmUp` once: the storm measures a busy
 * platform, not the engine's cold load, which would time out the first attempts of any client.
 */
async function withCloud<T>(
  warmUp: Buffer,
  run: (t: TestCloud<OcrEngine>) => Promise<T>,
): Promise<T> {
  const engine = await loadDefaultEngine()
  await engine.recognize(warmUp)
  const t = await startTestCloud({
    engine,
    functions: 'built',
    guard: true,
    functionEnv: STORM_FUNCTION_ENV,
    dailyQuota: 1000,
    quiet: true,
  })
  try {
    return await run(t)
  } finally {
    await t.stop()
    await engine.dispose()
  }
}

function tally(replies: readonly OcrReply[]): Pick<StormResult, 'succeeded' | 'failures'> {
  return {
    succeeded: replies.filter((reply) => reply.ok).length,
    failures: replies.flatMap((reply) => (reply.ok ? [] : [reply.error.code])),
  }
}

/**
 * `callers` concurrent recognize() calls of one image through one HTTPS client: its defaults, but for the
 * result cache, which would answer all but one of them; the storm measures flow control and retries
 * (bench/https-cache.ts measures the cache).
 */
export async function httpsStorm(callers = 50): Promise<StormResult> {
  const image = await generateTextImage(randomTextCard('storm-https', 4242))
  return withCloud(image.bytes, async ({ cloud }) => {
    const client = createPrintedTextClient({
      appId: 'wxstorm0000000000',
      appSecret: 'storm-secret-storm-secret-000000',
      baseUrl: cloud.origin,
      cacheTtlMs: 0,
    })
    const started = performance.now()
    const replies = await Promise.all(
      Array.from({ length: callers }, () => client.recognize({ img: image.bytes })),
    )
    return {
      callers,
      ...tally(replies),
      ocrRequests: cloud.requests.count('ocr-https'),
      tokenRequests: cloud.requests.count('stable-token') + cloud.requests.count('token'),
      wallMs: performance.now() - started,
    }
  })
}

/**
 * The function's environment in a storm: a function deployed with a 2-minute timeout. The local engine
 * recognizes about one image a second on a loaded machine, so 30 at once need more than the default 18 s
 * budget to all finish; the count of calls is what the storm measures.
 */
export const STORM_FUNCTION_ENV = { OCR_RETRY_BUDGET_MS: '100000' }

/** `callers` concurrent invocations of the built function, each with its own user and image. */
export async function functionStorm(callers = 30): Promise<StormResult> {
  const images = await Promise.all(
    Array.from({ length: callers }, (_, i) =>
      generateTextImage(randomTextCard(`storm-fn-${i}`, 5000 + i)),
    ),
  )
  return withCloud(images[0]?.bytes ?? Buffer.alloc(0), async (t) => {
    const fileIDs = await Promise.all(
      images.map((image, i) =>
        t.cloud.putFile(userUploadPath(`oStorm${i}`, 'card.png'), image.bytes),
      ),
    )
    const started = performance.now()
    const calls = await Promise.all(
      fileIDs.map((fileID, i) =>
        callFunction(t, { fileID }, { openid: `oStorm${i}`, timeoutMs: 120_000 }),
      ),
    )
    return {
      callers,
      ...tally(calls.map(({ reply }) => reply)),
      ocrRequests: t.platformCalls(),
      tokenRequests: 0,
      wallMs: performance.now() - started,
    }
  })
}
