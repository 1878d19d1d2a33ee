// The local cloud: one HTTP server on 127.0.0.1 that answers wx-server-sdk's gateway wire (/admin), the
// HTTPS OCR API (/cv/ocr/comm), the token routes, temporary storage URLs, and its own /__admin routes.
import http from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

import { buildActionHandlers } from './gateway/actions'
import { databaseActions, LocalDatabase, type LocalDatabaseOptions } from './database'
import type { ActionHandler } from './gateway/wire'
import { lazyEngine, loadDefaultEngine } from './ocr-service/default-engine'
import { FaultBoard } from './ocr-service/faults'
import { stderrLogger, type Logger } from './server/log'
import { OcrService } from './ocr-service/service'
import { OCR_ENDPOINT_PATH } from './https-api/ocr-endpoint'
import { resolveOptions, type LocalCloudOptions } from './options'
import { PermissionBook } from './gateway/permissions'
import { DailyQuota } from './ocr-service/quota'
import { RunQueue } from './playground/run-queue'
import { RequestLog } from './server/request-log'
import {
  createRouter,
  GATEWAY_FUNCTION_PREFIX,
  GATEWAY_PATH,
  ROUTE_NAMES,
  type RouteName,
} from './server/router'
import { LocalStorage } from './storage/local-storage'
import { seedSampleFiles } from './storage/samples'
import { TokenStore, type IssuedToken } from './https-api/tokens'

export type { LocalCloudOptions, Clock, Credentials } from './options'
export type { Fault, ArmedFault } from './ocr-service/faults'
export type { RequestRecord } from './server/request-log'
export type { RouteName } from './server/router'
export type { ActionHandler, GatewayReply, GatewayRequest } from './gateway/wire'
export { FaultBoard } from './ocr-service/faults'
export { DailyQuota } from './ocr-service/quota'
export { RequestLog } from './server/request-log'
export { LocalDatabase, type LocalDatabaseOptions, type DatabaseOutage } from './database'

export interface StartLocalCloudOptions extends LocalCloudOptions {
  /** More gateway actions (the database subset plugs in here); they may not replace built-in ones. */
  actions?: Readonly<Record<string, ActionHandler>>
  /** Where the emulator's own trouble is written; default: JSON lines on stderr. */
  log?: Logger
  /** The database's collections (none by default, as in a new env) and optional file. */
  database?: LocalDatabaseOptions
}

export interface LocalCloud {
  readonly port: number
  /** `http://127.0.0.1:<port>` */
  readonly origin: string
  readonly envId: string
  /** The storage bucket's name: a fileID is `cloud://<envId>.<bucket>/<path>`. */
  readonly bucket: string
  /** A file every local cloud has from the start (the seed's 腾讯 / 微信团队), for samples and tries. */
  readonly sampleFileID: string
  readonly storageDir: string
  readonly functionsRoot: string
  /** The URL to put in TCB_CONTEXT_CNFG: `/admin`, or `/admin/fn/<name>` to name the calling function. */
  gatewayUrl(functionName?: string): string
  /** `<origin>/cv/ocr/comm`, the HTTPS API's address here. */
  readonly ocrEndpoint: string
  /** Stores bytes at `<storageDir>/<cloudPath>` and returns the fileID `cloud://<env>.<bucket>/<path>`. */
  putFile(cloudPath: string, bytes: Uint8Array): Promise<string>
  /** Issues an access_token as /cgi-bin/token would. */
  issueToken(): IssuedToken
  readonly quota: DailyQuota
  readonly faults: FaultBoard
  readonly requests: RequestLog<RouteName>
  /** The env's documents; `database.outage` makes every database action fail. */
  readonly database: LocalDatabase
  /** Sockets open right now (a leak shows here). */
  openConnections(): Promise<number>
  /** Closes the server and every socket, aborts downloads and delays, disposes a default engine. */
  stop(): Promise<void>
}

/** A request that trickles in is cut off instead of holding a socket for Node's default 5 minutes. */
const SERVER_LIMITS: http.ServerOptions = {
  headersTimeout: 10_000,
  requestTimeout: 60_000,
  connectionsCheckingInterval: 2_000,
}

function clientWentAway(): void {}

export async function startLocalCloud(options: StartLocalCloudOptions = {}): Promise<LocalCloud> {
  const resolved = resolveOptions(options)
  const log = options.log ?? stderrLogger
  const abort = new AbortController()
  let origin = ''
  const engine = lazyEngine(async () => resolved.engine ?? loadDefaultEngine())
  const storage = new LocalStorage(resolved.storageDir, resolved.envId, resolved.clock)
  const [sampleFileID = ''] = await seedSampleFiles(storage)
  const faults = new FaultBoard(resolved.faults)
  const quota = new DailyQuota(resolved.dailyQuota, resolved.clock)
  const requests = new RequestLog(ROUTE_NAMES)
  const tokens = new TokenStore(resolved.tokenTtlSeconds, resolved.clock, resolved.credentials)
  const ocr = new OcrService({ faults, quota, engine: engine.get, log, signal: abort.signal })
  const database = new LocalDatabase(options.database)
  const delays = {
    takeDatabaseDelay: (collection: string | undefined) => faults.takeDatabaseDelay(collection),
    signal: abort.signal,
  }
  const extra = { ...databaseActions(database, delays), ...options.actions }
  const handlers = buildActionHandlers(
    {
      ocr,
      permissions: new PermissionBook(resolved.functionsRoot, log),
      storage,
      origin: () => origin,
    },
    extra,
  )
  if (handlers.size !== 3 + Object.keys(extra).length) {
    throw new Error('options.actions may add gateway actions, not replace built-in ones')
  }
  const info = () => ({
    service: 'localcloud',
    envId: resolved.envId,
    bucket: storage.bucket,
    sampleFileID,
    origin,
    gateway: `${origin}${GATEWAY_PATH}`,
    ocrEndpoint: `${origin}${OCR_ENDPOINT_PATH}`,
    storageDir: resolved.storageDir,
    functionsRoot: resolved.functionsRoot,
    collections: database.collectionNames(),
    engine: resolved.engine?.name ?? engine.loaded()?.name ?? 'default (loads on first OCR call)',
    quota: quota.state(),
  })
  const route = createRouter({
    origin: () => origin,
    envId: resolved.envId,
    actions: handlers,
    ocr,
    tokens,
    storage,
    requests,
    clockNow: () => resolved.clock.now(),
    admin: { faults, quota, requests, info },
    log,
    allowedHosts: resolved.allowedHosts,
    runs: new RunQueue(),
    signal: abort.signal,
  })

  const sockets = new Set<Socket>()
  const inflight = new Set<Promise<void>>()
  const server = http.createServer(SERVER_LIMITS, (req, res) => {
    // A client that goes away mid-body is not an error of ours; the boundary sees the aborted read.
    req.on('error', clientWentAway)
    const work = route(req, res)
    inflight.add(work)
    void work.finally(() => inflight.delete(work))
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(resolved.port, resolved.host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const { port } = server.address() as AddressInfo
  origin = `http://${resolved.host}:${port}`

  let stopping: Promise<void> | undefined
  const stop = async (): Promise<void> => {
    abort.abort()
    const closed = new Promise<void>((resolve) => server.close(() => resolve()))
    server.closeAllConnections()
    for (const socket of sockets) socket.destroy()
    await Promise.allSettled([...inflight])
    await closed
    // An injected engine belongs to the caller; only the one loaded here is disposed here.
    const loaded = engine.loaded()
    if (resolved.engine === undefined && loaded !== undefined) await loaded.dispose()
  }

  return {
    port,
    origin,
    envId: resolved.envId,
    bucket: storage.bucket,
    sampleFileID,
    storageDir: resolved.storageDir,
    functionsRoot: resolved.functionsRoot,
    gatewayUrl: (functionName) =>
      functionName === undefined
        ? `${origin}${GATEWAY_PATH}`
        : `${origin}${GATEWAY_FUNCTION_PREFIX}${encodeURIComponent(functionName)}`,
    ocrEndpoint: `${origin}${OCR_ENDPOINT_PATH}`,
    putFile: (cloudPath, bytes) => storage.put(cloudPath, bytes),
    issueToken: () => tokens.issue(),
    quota,
    faults,
    requests,
    database,
    openConnections: () =>
      new Promise((resolve, reject) =>
        server.getConnections((error, count) => (error ? reject(error) : resolve(count))),
      ),
    stop: () => (stopping ??= stop()),
  }
}
