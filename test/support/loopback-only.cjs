// Refuses every DNS lookup and socket connection that is not loopback, for the test process and (through
// NODE_OPTIONS=--require) every child it starts. wx-server-sdk probes metadata.tencentyun.com when its
// environment is incomplete: that must fail a test loudly, never go out quietly.
'use strict'
const dns = require('node:dns')
const net = require('node:net')

const INSTALLED = Symbol.for('ocr-printed-text.loopback-only')
// Kept on the (process-wide) net module: jest gives each test file a fresh module registry, but the
// patches below are installed once per process, so their record must be shared too.
const VIOLATIONS = Symbol.for('ocr-printed-text.loopback-only.violations')
net[VIOLATIONS] = net[VIOLATIONS] || []
const violations = net[VIOLATIONS]

function isLoopbackHost(host) {
  if (host === undefined || host === null || host === '') return true // Node's default is localhost
  const h = String(host)
    .replace(/^\[|\]$/g, '')
    .toLowerCase()
  return (
    h === 'localhost' ||
    h === '::1' ||
    /^127\.\d+\.\d+\.\d+$/.test(h) ||
    /^::ffff:127\.\d+\.\d+\.\d+$/.test(h)
  )
}

function refuse(what) {
  const err = new Error(`Non-loopback network access refused in tests: ${what}`)
  err.code = 'ENONLOOPBACK'
  violations.push(what)
  if (process.env.LOOPBACK_ONLY_REPORT === 'stderr')
    process.stderr.write(`[loopback-only] ${err.message}\n`)
  return err
}

function guardLookup(original, name) {
  return function guarded(hostname, ...rest) {
    if (!isLoopbackHost(hostname)) {
      const err = refuse(`dns.${name}(${hostname})`)
      const cb = rest.find((a) => typeof a === 'function')
      if (cb) return process.nextTick(cb, err)
      throw err
    }
    return original.call(this, hostname, ...rest)
  }
}

function install() {
  if (net[INSTALLED]) return
  net[INSTALLED] = true
  dns.lookup = guardLookup(dns.lookup, 'lookup')
  for (const name of ['resolve', 'resolve4', 'resolve6', 'resolveAny'])
    dns[name] = guardLookup(dns[name], name)
  const promiseLookup = dns.promises.lookup
  dns.promises.lookup = async function guarded(hostname, ...rest) {
    if (!isLoopbackHost(hostname)) throw refuse(`dns.promises.lookup(${hostname})`)
    return promiseLookup.call(this, hostname, ...rest)
  }
  const connect = net.Socket.prototype.connect
  net.Socket.prototype.connect = function guardedConnect(...args) {
    const first = Array.isArray(args[0]) ? args[0][0] : args[0]
    let host
    let path
    if (first && typeof first === 'object') {
      host = first.host
      path = first.path
    } else if (typeof first === 'string' && Number.isNaN(Number(first))) {
      path = first
    } else {
      host = Array.isArray(args[0]) ? args[0][1] : args[1]
      if (typeof host === 'function') host = undefined
    }
    if (!path && !isLoopbackHost(host)) {
      const err = refuse(`connect(${host})`)
      process.nextTick(() => this.destroy(err))
      return this
    }
    return connect.apply(this, args)
  }
}

module.exports = { install, violations, isLoopbackHost }
install()
