// Failures of the cloud platform itself around wx.cloud.callFunction and wx.cloud.uploadFile: the call
// never reached our function's reply. Each entry lists the codes and errMsg texts it covers; classify()
// is derived from the table, first match wins (so a timeout reported inside an execution error is a
// timeout). Codes and texts as users met them (WeChat's cloud error code list, DevTools consoles):
//   -504003 "Invoking task timed out after 3 seconds"            the function hit its timeout
//   -501000 "FunctionName parameter could not be found." / "找不到对应的FunctionName."
//   -501000 "Environment not found"
//   -404011 "cloud function execution error | ... requestID <id>, cloud function service error code
//           -504002, error message <what the function threw>"
//   -601034 "没有权限，请先开通云开发或者云托管"                  Cloud Development not opened
//   -501001 system error, -501002 response timeout, -501003 / -501004 env quota or concurrency spent,
//   -501005 env information abnormal.

export interface CloudFailureEntry {
  errCodes: readonly number[]
  errMsg: RegExp | null
  retryable: boolean
  userMessage: string
  hint: string
}

export const CLOUD_FAILURES = {
  FUNCTION_TIMEOUT: {
    errCodes: [-504003],
    errMsg: /timed out after/i,
    retryable: true,
    userMessage: '识别超时，请重试。',
    hint: 'The function ran past its timeout (-504003). A function uploaded from DevTools gets 3 s: set 20 s (DevTools: right-click cloudfunctions/ocrPrintedText -> 云函数配置; console: 云函数 -> 配置; or `tcb fn config update`).',
  },
  FUNCTION_NOT_FOUND: {
    errCodes: [],
    errMsg: /FunctionName|function not found|函数.{0,4}不存在|ResourceNotFound\.Function/i,
    retryable: false,
    userMessage: '识别服务暂不可用，请稍后再试。',
    hint: 'The function is not deployed in this env (-501000 FunctionName ... could not be found): `npx wx-ocr-printed-text init` writes it into your cloudfunctions/, then upload it from DevTools (上传并部署) or `npx wx-ocr-printed-text deploy`; the `functionName` option must name it.',
  },
  ENV_NOT_FOUND: {
    errCodes: [-501005],
    errMsg: /Environment not found|env not exist|INVALID_ENV|env check invalid/i,
    retryable: false,
    userMessage: '识别服务暂不可用，请稍后再试。',
    hint: "The env does not exist or is not this AppID's (-501000 Environment not found): check the env id given to wx.cloud.init (or the `env` option) against 云开发控制台 -> 设置 -> 环境 ID.",
  },
  CLOUD_NOT_ENABLED: {
    errCodes: [-601034],
    errMsg: /请先开通云开发/,
    retryable: false,
    userMessage: '识别服务暂不可用，请稍后再试。',
    hint: 'Cloud Development is not opened for this AppID (-601034): open it from the 云开发 button in DevTools; the tourist AppID cannot use it.',
  },
  FUNCTION_CRASHED: {
    errCodes: [-404011, -504002],
    errMsg: /execution error|execute fail/i,
    retryable: false,
    userMessage: '识别服务出错了，请稍后再试。',
    hint: "The function threw instead of answering (-404011 / -504002): find the requestId in the function's logs (console -> 云函数 -> 日志); a deployed bundle older than this app is a common cause.",
  },
  CLOUD_QUOTA_EXCEEDED: {
    errCodes: [-501003, -501004],
    errMsg: null,
    retryable: true,
    userMessage: '当前使用人数较多，请稍后再试。',
    hint: "The env's call quota (-501003) or concurrency (-501004) is spent: see 云开发控制台 -> 资源使用 / 配额.",
  },
  CLOUD_SYSTEM_ERROR: {
    errCodes: [-501001, -501002],
    errMsg: null,
    retryable: true,
    userMessage: '识别服务繁忙，请重试。',
    hint: 'A platform error (-501001 system error, -501002 response timeout); a retry is safe. If it lasts, give the requestId to WeChat support.',
  },
} as const satisfies Record<string, CloudFailureEntry>

export type CloudFailureCode = keyof typeof CLOUD_FAILURES
