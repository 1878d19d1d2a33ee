// What a caller may set when starting the local cloud, and the defaults that make `startLocalCloud({})`
// behave like the documented `npm start`.
import path from 'node:path'

import type { Fault } from './ocr-service/faults'
import type { OcrEngine } from './engine/types'

/** Time source, injectable so tests can expire tokens and roll the quota day without waiting. */
export interface Clock {
  now(): number
}

export const systemClock: Clock = { now: () => Date.now() }

export interface Credentials {
  appId: string
  appSecret: string
}

export interface LocalCloudOptions {
  /** 0 (the default) picks a free port. The host is always 127.0.0.1. */
  port?: number
  /** Folder behind cloud storage; default $LOCALCLOUD_STORAGE or `.localcloud/storage`. */
  storageDir?: string
  /** The environment id in fileIDs and `SCF_NAMESPACE`; default `local-env`. */
  envId?: string
  /** The OCR engine; when absent the default engine is loaded on the first OCR call. */
  engine?: OcrEngine
  /** OCR calls allowed per day (Beijing time, like the platform); default 100. */
  dailyQuota?: number
  /** Where `<name>/config.json` grants permissions to functions; default `cloudfunctions`. */
  functionsRoot?: string
  /** When set, the token routes accept only this appid and secret; default: any. */
  credentials?: Credentials
  /** Lifetime of an issued access_token; default 7200 s, as on the platform. */
  tokenTtlSeconds?: number
  clock?: Clock
  /** Faults armed from the start, as if posted to /__admin/faults. */
  faults?: Fault[]
  /**
   * Host names answered beyond the loopback ones (`devbox.local`, or `.example.test` for it and its
   * subdomains); default $LOCALCLOUD_ALLOWED_HOSTS, comma-separated. See server/request-guard.ts.
   */
  allowedHosts?: readonly string[]
}

export interface ResolvedOptions {
  port: number
  host: '127.0.0.1'
  storageDir: string
  envId: string
  engine: OcrEngine | undefined
  dailyQuota: number
  functionsRoot: string
  credentials: Credentials | undefined
  tokenTtlSeconds: number
  clock: Clock
  faults: Fault[]
  allowedHosts: readonly string[]
}

export const DEFAULT_ENV_ID = 'local-env'
export const DEFAULT_DAILY_QUOTA = 100
export const DEFAULT_TOKEN_TTL_SECONDS = 7200

function nonNegativeInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative integer, got ${value}`)
  }
  return value
}

export function resolveOptions(options: LocalCloudOptions): ResolvedOptions {
  const envId = options.envId ?? DEFAULT_ENV_ID
  // The same rule the SDK applies before it puts an env id into a host name.
  if (!/^[a-z0-9_-]{1,40}$/.test(envId))
    throw new RangeError(`envId "${envId}" is not a valid env id`)
  const tokenTtlSeconds = nonNegativeInteger(
    'tokenTtlSeconds',
    options.tokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS,
  )
  if (tokenTtlSeconds === 0) throw new RangeError('tokenTtlSeconds must be positive')
  return {
    port: nonNegativeInteger('port', options.port ?? 0),
    host: '127.0.0.1',
    storageDir: path.resolve(
      options.storageDir ?? process.env['LOCALCLOUD_STORAGE'] ?? '.localcloud/storage',
    ),
    envId,
    engine: options.engine,
    dailyQuota: nonNegativeInteger('dailyQuota', options.dailyQuota ?? DEFAULT_DAILY_QUOTA),
    functionsRoot: path.resolve(options.functionsRoot ?? 'cloudfunctions'),
    credentials: options.credentials,
    tokenTtlSeconds,
    clock: options.clock ?? systemClock,
    faults: options.faults ?? [],
    allowedHosts:
      options.allowedHosts ??
      (process.env['LOCALCLOUD_ALLOWED_HOSTS'] ?? '')
        .split(',')
        .filter((name) => name.trim() !== ''),
  }
}
