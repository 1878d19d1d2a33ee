// Cloud storage as a folder: `<storageDir>/<path>` is the file `cloud://<env>.<bucket>/<path>`. Temporary
// download URLs point back at this server and carry an expiry and a signature, like the platform's, so a
// client that keeps a URL past its max_age finds out here rather than in production.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { promises as fs } from 'node:fs'
import path from 'node:path'

import type { Clock } from '../options'

export const STORAGE_ROUTE_PREFIX = '/__storage/'

export class CloudPathError extends Error {
  override readonly name = 'CloudPathError'
}

/** Checks a cloud path and returns it in normal form; throws CloudPathError for one that escapes. */
export function normalizeCloudPath(cloudPath: string): string {
  const trimmed = cloudPath.replace(/^\/+/, '')
  const segments = trimmed.split('/')
  if (
    trimmed === '' ||
    trimmed.includes('\0') ||
    trimmed.includes('\\') ||
    segments.some((segment) => segment === '' || segment === '.' || segment === '..')
  ) {
    throw new CloudPathError(`invalid cloud path "${cloudPath}"`)
  }
  return trimmed
}

export class LocalStorage {
  /** The bucket part of a fileID, shaped like the platform's (`<hex>-<env>-<appid>`). */
  readonly bucket: string
  private readonly secret = randomBytes(16)

  constructor(
    readonly dir: string,
    readonly envId: string,
    private readonly clock: Clock,
  ) {
    this.bucket = `${Buffer.from(envId.slice(0, 2)).toString('hex')}-${envId}-1250000000`
  }

  fileIdFor(cloudPath: string): string {
    return `cloud://${this.envId}.${this.bucket}/${normalizeCloudPath(cloudPath)}`
  }

  /** The cloud path inside this env's bucket, or undefined for a fileID of another env or bucket. */
  cloudPathOf(fileID: string): string | undefined {
    const prefix = `cloud://${this.envId}.${this.bucket}/`
    if (!fileID.startsWith(prefix)) return undefined
    try {
      return normalizeCloudPath(fileID.slice(prefix.length))
    } catch {
      return undefined
    }
  }

  async put(cloudPath: string, bytes: Uint8Array): Promise<string> {
    const file = this.diskPath(cloudPath)
    await fs.mkdir(path.dirname(file), { recursive: true })
    await fs.writeFile(file, bytes)
    return this.fileIdFor(cloudPath)
  }

  /** The file's bytes, or undefined when there is no such file. */
  async read(cloudPath: string): Promise<Buffer | undefined> {
    try {
      return await fs.readFile(this.diskPath(cloudPath))
    } catch (error) {
      if (isMissing(error)) return undefined
      throw error
    }
  }

  async exists(cloudPath: string): Promise<boolean> {
    try {
      return (await fs.stat(this.diskPath(cloudPath))).isFile()
    } catch (error) {
      if (isMissing(error)) return false
      throw error
    }
  }

  /** Deletes a file; false when there was none. */
  async remove(cloudPath: string): Promise<boolean> {
    try {
      await fs.unlink(this.diskPath(cloudPath))
      return true
    } catch (error) {
      if (isMissing(error)) return false
      throw error
    }
  }

  /**
   * A download URL on this server. The SDK runs encodeURI over it before the GET, which leaves `#` and `?`
   * alone and turns any `%` into `%25`: no percent-encoding survives that, so the path travels as base64url
   * (letters, digits, `-`, `_`), which encodeURI leaves untouched and every client sends back verbatim.
   */
  tempFileUrl(origin: string, cloudPath: string, maxAgeSeconds: number): string {
    const expires = Math.floor(this.clock.now() / 1000) + maxAgeSeconds
    const token = Buffer.from(cloudPath, 'utf8').toString('base64url')
    return `${origin}${STORAGE_ROUTE_PREFIX}${token}?t=${expires}&sign=${this.sign(cloudPath, expires)}`
  }

  /** The cloud path in a temporary URL's path (what follows the route prefix); undefined if none. */
  cloudPathOfUrl(token: string): string | undefined {
    if (!/^[A-Za-z0-9_-]+$/.test(token)) return undefined
    const cloudPath = Buffer.from(token, 'base64url').toString('utf8')
    return Buffer.from(cloudPath, 'utf8').toString('base64url') === token ? cloudPath : undefined
  }

  /** Checks a download URL's signature and expiry. */
  verifyTempUrl(cloudPath: string, expires: string | null, sign: string | null): boolean {
    if (expires === null || sign === null || !/^\d+$/.test(expires)) return false
    const expected = Buffer.from(this.sign(cloudPath, Number(expires)))
    const given = Buffer.from(sign)
    return (
      given.length === expected.length &&
      timingSafeEqual(given, expected) &&
      Number(expires) * 1000 >= this.clock.now()
    )
  }

  private sign(cloudPath: string, expires: number): string {
    return createHmac('sha256', this.secret).update(`${cloudPath}\n${expires}`).digest('hex')
  }

  private diskPath(cloudPath: string): string {
    return path.join(this.dir, ...normalizeCloudPath(cloudPath).split('/'))
  }
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  // A name the file system cannot hold (ENAMETOOLONG) names no file either, as on object storage.
  return code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR' || code === 'ENAMETOOLONG'
}
