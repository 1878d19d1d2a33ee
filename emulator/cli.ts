// `npm start`: the local cloud for interactive use. Configured by environment variables (validated here):
//   PORT (default 3000), LOCALCLOUD_STORAGE (default .localcloud/storage), LOCALCLOUD_ENV (local-env),
//   LOCALCLOUD_QUOTA (100 a day), LOCALCLOUD_FUNCTIONS (cloudfunctions), LOCALCLOUD_APPID and
//   LOCALCLOUD_SECRET (only that pair gets tokens; default: any), LOCALCLOUD_ENGINE=fake (the fast
//   deterministic engine instead of the real one, e.g. to try the wire without loading models),
//   LOCALCLOUD_ALLOWED_HOSTS (host names answered beyond the loopback ones; see emulator/README.md).
import { z } from 'zod'

import type { OcrEngine } from './engine/types'
import { FakeEngine } from './ocr-service/fake-engine'
import { startLocalCloud, type LocalCloud } from './index'

export const DEFAULT_PORT = 3000

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(DEFAULT_PORT),
  LOCALCLOUD_ENV: z.string().optional(),
  LOCALCLOUD_QUOTA: z.coerce.number().int().nonnegative().optional(),
  LOCALCLOUD_FUNCTIONS: z.string().optional(),
  LOCALCLOUD_APPID: z.string().min(1).optional(),
  LOCALCLOUD_SECRET: z.string().min(1).optional(),
  LOCALCLOUD_ENGINE: z.enum(['default', 'fake']).default('default'),
})

function banner(cloud: LocalCloud, engine: string, quota: number): string {
  const o = cloud.origin
  const fnEnv = [
    `TCB_CONTEXT_CNFG='{"URL":"${cloud.gatewayUrl()}"}'`,
    `SCF_NAMESPACE=${cloud.envId}`,
    'TENCENTCLOUD_SECRETID=local TENCENTCLOUD_SECRETKEY=local',
    'TENCENTCLOUD_RUNENV=SCF TENCENTCLOUD_REGION=ap-shanghai',
  ].join(' \\\n    ')
  return `
localcloud serving on ${o}  (env ${cloud.envId}, engine: ${engine})

  Playground      ${o}/   (open in a browser: drop an image, see the boxes; send raw events)
  Cloud gateway   ${cloud.gatewayUrl()}      (what TCB_CONTEXT_CNFG names)
                  ${o}/admin/fn/<name>  applies ${cloud.functionsRoot}/<name>/config.json permissions
  HTTPS OCR       POST ${cloud.ocrEndpoint}?access_token=TOKEN[&img_url=URL]   (multipart field img)
  Tokens          GET  ${o}/cgi-bin/token?grant_type=client_credential&appid=APPID&secret=SECRET
                  POST ${o}/cgi-bin/stable_token  {"grant_type","appid","secret","force_refresh"}
  Storage         ${cloud.storageDir}/<path>  is  cloud://${cloud.envId}.${cloud.bucket}/<path>
                  bucket ${cloud.bucket}; seeded: ${cloud.sampleFileID}
  Database        no collections at start; the function creates ocr_cache and ocr_counters on first use
  Quota           ${quota} OCR calls a day (45009 after that)
  Admin           ${o}/__admin/faults  /__admin/quota  /__admin/requests  /__admin/info

Point an unchanged function at it (cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })):
    ${fnEnv} \\
    node your-function-runner.js

Try it:
    PORT=${cloud.port} npm run ocr -- path/to/image.png
    TOKEN=$(curl -s "${o}/cgi-bin/token?grant_type=client_credential&appid=wx&secret=s" \\
      | node -pe 'JSON.parse(require("fs").readFileSync(0, "utf8")).access_token')
    curl -F 'img=@test.jpg' "${o}/cv/ocr/comm?access_token=$TOKEN"
    curl -X POST ${o}/__admin/faults -H 'content-type: application/json' \\
      -d '{"kind":"errcode","errcode":-1,"times":2}'

Ctrl-C stops it.
`
}

async function main(): Promise<void> {
  const parsed = EnvSchema.safeParse(process.env)
  if (!parsed.success) {
    console.error(`localcloud: bad environment\n${z.prettifyError(parsed.error)}`)
    process.exit(2)
  }
  const env = parsed.data
  if ((env.LOCALCLOUD_APPID === undefined) !== (env.LOCALCLOUD_SECRET === undefined)) {
    console.error('localcloud: set both LOCALCLOUD_APPID and LOCALCLOUD_SECRET, or neither')
    process.exit(2)
  }
  const engine: OcrEngine | undefined =
    env.LOCALCLOUD_ENGINE === 'fake' ? new FakeEngine() : undefined
  const cloud = await startLocalCloud({
    port: env.PORT,
    ...(env.LOCALCLOUD_ENV === undefined ? {} : { envId: env.LOCALCLOUD_ENV }),
    ...(env.LOCALCLOUD_QUOTA === undefined ? {} : { dailyQuota: env.LOCALCLOUD_QUOTA }),
    ...(env.LOCALCLOUD_FUNCTIONS === undefined ? {} : { functionsRoot: env.LOCALCLOUD_FUNCTIONS }),
    ...(env.LOCALCLOUD_APPID === undefined || env.LOCALCLOUD_SECRET === undefined
      ? {}
      : { credentials: { appId: env.LOCALCLOUD_APPID, appSecret: env.LOCALCLOUD_SECRET } }),
    ...(engine === undefined ? {} : { engine }),
  })
  const engineName = engine?.name ?? 'default, loaded on the first OCR call'
  console.log(banner(cloud, engineName, cloud.quota.limit))

  let stopping = false
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) {
      console.error(`localcloud: ${signal} again, exiting now`)
      process.exit(1)
    }
    stopping = true
    console.log(`\nlocalcloud: ${signal}, stopping`)
    cloud.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('localcloud: stop failed', error)
        process.exit(1)
      },
    )
  }
  process.on('SIGINT', shutdown)
  process.on('SIGTERM', shutdown)
}

main().catch((error: unknown) => {
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  if (code === 'EADDRINUSE')
    console.error('localcloud: that port is taken; set PORT to another one')
  else console.error('localcloud: failed to start', error)
  process.exit(1)
})
