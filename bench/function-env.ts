/** The FACTS.md environment that keeps wx-server-sdk on loopback (no metadata host lookups). */
export function localFunctionEnv(gatewayOrigin = 'http://127.0.0.1:9'): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    TENCENTCLOUD_RUNENV: 'SCF',
    SCF_NAMESPACE: 'local-env',
    TENCENTCLOUD_SECRETID: 'local',
    TENCENTCLOUD_SECRETKEY: 'local',
    TENCENTCLOUD_REGION: 'ap-shanghai',
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: `${gatewayOrigin}/admin` }),
  }
}
