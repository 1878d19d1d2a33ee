// The deployed entry: wire wx-server-sdk to the handler once per container. Nothing per-call happens here:
// the caller's identity is read inside the handler, on each invocation, and the database is opened on
// its first use.
import cloud from 'wx-server-sdk'
import { createOcrHandler } from '../../../src/function/handler'
import { handlerConfigOf, quotaConfigOf } from '../../../src/function/config'
import { readFunctionEnv } from '../../../src/function/env'
import { stderrWarn } from '../../../src/log/warn'
import {
  createCloudDocumentStore,
  createCloudPort,
  type WxServerSdk,
} from '../../../src/transport/cloud'

// Read once per container, so each unusable setting is said once per container, through the same sink
// as the handler's own once-per-container warnings.
const env = readFunctionEnv(process.env)
for (const warning of env.warnings) stderrWarn({ msg: 'ocrPrintedText config', warning })
const config = handlerConfigOf(env.settings)
const quota = quotaConfigOf(env.settings)

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
    guard: { store: createCloudDocumentStore(sdk), config: quota },
    warn: stderrWarn,
  },
)
