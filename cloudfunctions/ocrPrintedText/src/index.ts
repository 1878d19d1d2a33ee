// The deployed entry: wire wx-server-sdk to the handler once per container. Nothing per-call happens here:
// the caller's identity is read inside the handler, on each invocation, and the database is opened on
// its first use.
import cloud from 'wx-server-sdk'
import { createOcrHandler } from '../../../src/function/handler'
import { configFromEnv } from '../../../src/function/config'
import { quotaConfigFromEnv } from '../../../src/quota/config'
import {
  createCloudDocumentStore,
  createCloudPort,
  type WxServerSdk,
} from '../../../src/transport/cloud'

const config = configFromEnv(process.env)
const quota = quotaConfigFromEnv(process.env, config.retryPolicy)
for (const warning of quota.warnings) {
  process.stderr.write(
    `${JSON.stringify({ level: 'warn', msg: 'ocrPrintedText config', warning })}\n`,
  )
}

// The SDK types DYNAMIC_CURRENT_ENV as a symbol although init takes it as the env, and leaves out
// `timeout`, which it passes on to @cloudbase/node-sdk as the socket timeout of every request.
const initConfig = {
  env: cloud.DYNAMIC_CURRENT_ENV,
  timeout: config.retryPolicy.attemptTimeoutMs,
} as unknown as Parameters<typeof cloud.init>[0]
cloud.init(initConfig)

const sdk = cloud as unknown as WxServerSdk
export const main = createOcrHandler(
  createCloudPort(sdk, { downloadTimeoutMs: config.retryPolicy.attemptTimeoutMs }),
  {
    config,
    guard: { store: createCloudDocumentStore(sdk), config: quota.config },
  },
)
