// `npm run ocr -- <image path | http(s) URL | cloud://fileID> [--json] [--https]`
// Runs the unchanged built function against the local cloud (a running `npm start`, else an embedded one)
// and prints the text, or the whole reply with --json. Exits non-zero with the message and hint on failure.
import path from 'node:path'
import { parseArgs } from 'node:util'
import { startLocalCloud, type LocalCloud } from '../emulator'
import { invokeFunction, LOCAL_CONSOLE_ENV } from '../emulator/function-runner'
import { LocalStorage } from '../emulator/storage/local-storage'
import { systemClock } from '../emulator/options'
import { OcrReplySchema, type OcrReply } from '../src/reply/schema'
import { recognizeFileViaHttps } from './ocr-https'
import { eventFor, parseTarget } from './ocr-target'

const FUNCTION_DIR = path.join(__dirname, '..', 'cloudfunctions', 'ocrPrintedText')
const USAGE = 'usage: npm run ocr -- <image path | http(s) URL | cloud://fileID> [--json] [--https]'

interface RunningCloud {
  origin: string
  envId: string
  storageDir: string
  stop(): Promise<void>
}

/** Reuses a local cloud already serving on PORT (default 3000); otherwise starts one in this process. */
async function connect(): Promise<RunningCloud> {
  const origin = `http://127.0.0.1:${process.env.PORT ?? '3000'}`
  try {
    const info = (await (await fetch(`${origin}/__admin/info`)).json()) as Record<string, unknown>
    if (
      info.service === 'localcloud' &&
      typeof info.envId === 'string' &&
      typeof info.storageDir === 'string'
    ) {
      process.stderr.write(`using the local cloud at ${origin}\n`)
      return { origin, envId: info.envId, storageDir: info.storageDir, stop: async () => undefined }
    }
  } catch {
    // Nothing there: start our own below.
  }
  process.stderr.write('starting an embedded local cloud (the OCR engine loads on first use)...\n')
  const cloud: LocalCloud = await startLocalCloud({ port: 0 })
  return cloud
}

function printReply(reply: OcrReply, json: boolean): number {
  if (json) {
    console.log(JSON.stringify(reply, null, 2))
  } else if (reply.ok) {
    console.log(reply.text === '' ? '(no text found)' : reply.text)
  }
  if (reply.ok) return 0
  console.error(
    `error ${reply.error.code}${reply.error.errCode === undefined ? '' : ` (${reply.error.errCode})`}: ${reply.error.message}`,
  )
  console.error(`hint: ${reply.error.hint}`)
  return 1
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      https: { type: 'boolean', default: false },
    },
  })
  const arg = positionals[0]
  if (arg === undefined || positionals.length > 1) {
    console.error(USAGE)
    return 2
  }
  const target = parseTarget(arg)
  const cloud = await connect()
  try {
    if (values.https) {
      if (target.kind !== 'file') throw new Error('--https takes a local image path')
      const reply = await recognizeFileViaHttps({ origin: cloud.origin, imagePath: target.path })
      return printReply(reply, values.json)
    }
    const storage = new LocalStorage(cloud.storageDir, cloud.envId, systemClock)
    const { event, openid } = await eventFor(target, storage)
    const run = await invokeFunction({
      functionDir: FUNCTION_DIR,
      functionName: 'ocrPrintedText',
      event,
      cloud: { origin: cloud.origin, envId: cloud.envId },
      // Without a user, the CLI is an operator's console.
      ...(openid === undefined ? { extraEnv: LOCAL_CONSOLE_ENV } : { openid }),
      timeoutMs: 60_000,
    })
    const reply = OcrReplySchema.safeParse(run.result)
    if (!reply.success) {
      console.error(
        `the function answered something that is not a reply: ${JSON.stringify(run.result)}`,
      )
      return 1
    }
    return printReply(reply.data, values.json)
  } finally {
    await cloud.stop()
  }
}

main().then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error)
    process.exitCode = 1
  },
)
