// Who may drive the local cloud: the rules dev servers settled on against DNS rebinding and cross-site
// requests (Vite's `server.allowedHosts` and its no-cors check, webpack-dev-server's host check), so that no
// web page the developer has open can arm a fault, zero the quota or run the function.
//  1. Host: only loopback names (localhost, *.localhost, 127.0.0.0/8, [::1]) and the names the developer
//     added. A rebinding page reaches 127.0.0.1 under its own name, which is refused here.
//  2. Origin: a request that carries one must come from this server's own origin (`http://<Host>`). The
//     SDK, the HTTPS client and curl send none; a browser sends one on every POST, even in no-cors mode.
//  3. Sec-Fetch-Site: a browser request from another site that carries no Origin (an <img>, a <script>)
//     is refused too; only a top-level GET navigation (a link to the playground) passes.
//  4. A JSON body must be labelled JSON where the emulator's own routes read one: a cross-origin page can
//     send text/plain or form bodies without a preflight, never application/json.
import type { IncomingMessage } from 'node:http'
import net from 'node:net'

export interface GuardRefusal {
  status: 403 | 415
  message: string
}

/** The environment variable `npm start` reads extra host names from (comma-separated). */
export const ALLOWED_HOSTS_VARIABLE = 'LOCALCLOUD_ALLOWED_HOSTS'

/** The host name of a Host header (`[::1]:3000` -> `::1`), lowercased; undefined when malformed. */
export function hostnameOf(hostHeader: string): string | undefined {
  const host = hostHeader.trim().toLowerCase()
  if (host.startsWith('[')) {
    const end = host.indexOf(']')
    if (end < 0 || !/^(:\d*)?$/.test(host.slice(end + 1))) return undefined
    const address = host.slice(1, end)
    return net.isIPv6(address) ? address : undefined
  }
  const match = /^([a-z0-9.-]+)(:\d*)?$/.exec(host)
  return match?.[1]
}

function isLoopbackName(hostname: string): boolean {
  if (hostname === 'localhost' || hostname.endsWith('.localhost')) return true
  if (net.isIPv4(hostname)) return hostname.startsWith('127.')
  return hostname === '::1' || hostname === '::ffff:127.0.0.1'
}

/** Vite's list syntax: `name` allows that name, `.name` allows it and every subdomain of it. */
function isListed(hostname: string, allowedHosts: readonly string[]): boolean {
  return allowedHosts.some((entry) => {
    const allowed = entry
      .trim()
      .toLowerCase()
      .replace(/^\[(.*)\]$/, '$1')
    if (allowed.startsWith('.')) return hostname === allowed.slice(1) || hostname.endsWith(allowed)
    return allowed !== '' && hostname === allowed
  })
}

export function isHostAllowed(hostHeader: string | undefined, allowedHosts: readonly string[]) {
  const hostname = hostHeader === undefined ? undefined : hostnameOf(hostHeader)
  return hostname !== undefined && (isLoopbackName(hostname) || isListed(hostname, allowedHosts))
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name]
  return Array.isArray(value) ? value[0] : value
}

/** Host and origin rules, checked before anything else reads the request. */
export function refuseForeignRequest(
  req: IncomingMessage,
  allowedHosts: readonly string[],
): GuardRefusal | undefined {
  const host = header(req, 'host')
  if (!isHostAllowed(host, allowedHosts)) {
    const name = JSON.stringify(host === undefined ? null : host.replace(/:\d+$/, ''))
    return {
      status: 403,
      message:
        `Blocked request. This host (${name}) is not allowed. To allow it, add it to ` +
        `${ALLOWED_HOSTS_VARIABLE} (comma-separated) or startLocalCloud({ allowedHosts }).`,
    }
  }
  const origin = header(req, 'origin')
  if (origin !== undefined && origin.toLowerCase() !== `http://${host?.toLowerCase()}`) {
    return {
      status: 403,
      message: `Blocked request. Origin ${JSON.stringify(origin)} is not this server's own origin; the local cloud answers only its own page and clients that send no Origin (the SDK, curl).`,
    }
  }
  const site = header(req, 'sec-fetch-site')
  const navigation = header(req, 'sec-fetch-mode') === 'navigate'
  const readOnly = req.method === 'GET' || req.method === 'HEAD'
  if ((site === 'cross-site' || site === 'same-site') && !(navigation && readOnly)) {
    return {
      status: 403,
      message: `Blocked request. A ${site} browser request cannot drive the local cloud.`,
    }
  }
  return undefined
}

/** Rule 4: the emulator's own JSON routes take only `application/json` bodies. */
export function refuseNonJsonBody(req: IncomingMessage): GuardRefusal | undefined {
  if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'DELETE') return undefined
  const type = header(req, 'content-type') ?? ''
  if (/^application\/json\s*(;|$)/i.test(type)) return undefined
  return {
    status: 415,
    message: `expected content-type application/json, got ${JSON.stringify(type || null)}`,
  }
}
