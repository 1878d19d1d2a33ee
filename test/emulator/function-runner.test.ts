// The function runner: exactly the FACTS.md environment, the platform's JSON round trip, timeouts that kill.
import { promises as fs } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { FunctionInvocationError, invokeFunction } from '../../emulator/function-runner'
import { FIXTURE_FUNCTIONS_ROOT } from '../support/local-cloud'
import { LOOPBACK_GUARD_ENV } from '../support/child-guard'

const probeDir = path.join(FIXTURE_FUNCTIONS_ROOT, 'envProbe')
const cloud = { origin: 'http://127.0.0.1:3999', envId: 'probe-env' }

interface ProbeResult {
  env: Record<string, string>
  context: Record<string, unknown>
  echo: unknown
  buffer: unknown
}

describe('invokeFunction', () => {
  it('sets exactly the environment that points the SDK at the local gateway', async () => {
    // Prepare
    process.env['HTTPS_PROXY'] = 'http://proxy.invalid:8080'
    try {
      // Act
      const { result, stdout, stderr } = await invokeFunction({
        functionDir: probeDir,
        functionName: 'envProbe',
        event: { echo: { a: [1, 'b'] } },
        cloud,
        openid: 'o-user-1',
        appid: 'wx-app-1',
        extraEnv: LOOPBACK_GUARD_ENV,
      })
      // Assess
      const probe = result as ProbeResult
      expect(probe.env).toMatchObject({
        TCB_CONTEXT_CNFG: JSON.stringify({ URL: `${cloud.origin}/admin/fn/envProbe` }),
        SCF_NAMESPACE: cloud.envId,
        TENCENTCLOUD_RUNENV: 'SCF',
        TENCENTCLOUD_REGION: 'ap-shanghai',
        WX_OPENID: 'o-user-1',
        WX_APPID: 'wx-app-1',
        WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID',
        NODE_OPTIONS: LOOPBACK_GUARD_ENV.NODE_OPTIONS,
      })
      expect(probe.env['TENCENTCLOUD_SECRETID']).not.toBe('')
      expect(probe.env['TENCENTCLOUD_SECRETKEY']).not.toBe('')
      expect(probe.env['HTTPS_PROXY']).toBeUndefined()
      expect(probe.context).toMatchObject({ function_name: 'envProbe', namespace: cloud.envId })
      expect(probe.echo).toEqual({ a: [1, 'b'] })
      expect(probe.buffer).toEqual({ type: 'Buffer', data: [104, 105] })
      expect(stdout).toBe('to stdout\n')
      expect(stderr).toBe('to stderr\n')
    } finally {
      delete process.env['HTTPS_PROXY']
    }
  })

  it('sets no user variables when it plays no user, and accepts an origin string', async () => {
    const { result } = await invokeFunction({
      functionDir: probeDir,
      functionName: 'envProbe',
      event: {},
      cloud: 'http://127.0.0.1:3999/',
      extraEnv: LOOPBACK_GUARD_ENV,
    })
    const env = (result as ProbeResult).env
    expect(env['WX_CONTEXT_KEYS']).toBeUndefined()
    expect(env['WX_OPENID']).toBeUndefined()
    expect(env['SCF_NAMESPACE']).toBe('local-env')
    expect(env['TCB_CONTEXT_CNFG']).toBe('{"URL":"http://127.0.0.1:3999/admin/fn/envProbe"}')
  })

  it('rejects with the thrown error when main throws', async () => {
    const error = await invokeFunction({
      functionDir: probeDir,
      functionName: 'envProbe',
      event: { throw: 'boom' },
      cloud,
      extraEnv: LOOPBACK_GUARD_ENV,
    }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(FunctionInvocationError)
    expect(error).toMatchObject({
      kind: 'threw',
      errCode: 42,
      message: expect.stringContaining('boom'),
    })
  })

  it('kills the child when the timeout passes', async () => {
    // Prepare
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'localcloud-runner-'))
    const pidFile = path.join(dir, 'pid')
    // Act
    const error = await invokeFunction({
      functionDir: probeDir,
      functionName: 'envProbe',
      event: { hang: true, pidFile },
      cloud,
      timeoutMs: 1000,
      extraEnv: LOOPBACK_GUARD_ENV,
    }).catch((e: unknown) => e)
    // Assess
    expect(error).toMatchObject({ kind: 'timeout' })
    const pid = Number(await fs.readFile(pidFile, 'utf8'))
    expect(() => process.kill(pid, 0)).toThrow(expect.objectContaining({ code: 'ESRCH' }))
    await fs.rm(dir, { recursive: true, force: true })
  })
})
