// Every failure the toolkit can report, one entry each, in both directions: what we send (messages, hint,
// retry flag) and what an incoming error must show to become this code (`incoming`). The code type and the
// classifier are derived from this table, so a new code, or a new platform errcode, is one edit here.
import { IMAGE_SIZE_LIMIT_BYTES } from '../checks/size-limit'
import { DEFAULT_UPLOAD_PREFIX } from '../parse/upload-prefix'

/** Whose fault a failure is: the caller's input, the platform's state, or our own bug. */
export type ErrorSource = 'caller' | 'platform' | 'internal'

/**
 * What an incoming error (a platform reply, a thrown SDK error, a socket failure) shows when it is this
 * code. The evidence is read in this order, and the first entry that claims it wins:
 *   1. `decisiveErrMsgs`: the message outranks the errcode and the socket code, because the platform
 *      reuses codes ("not enough market quota" arrives under 101002);
 *   2. `socketCodes`: what failed on the wire, when a socket code came with the error;
 *   3. `errMsgs`: the SDK folds socket failures into its message (a refused gateway is -501001
 *      "resource system error. connect ECONNREFUSED ..."), so the text is read before the errcode;
 *   4. `errCodes`: the platform's errcode.
 * Within one step, entries are read in catalog order. Nothing claimed: UPSTREAM_ERROR, unless the reader
 * knows better (a rejected getAccessToken() is ACCESS_TOKEN_INVALID). Phrases match whole words, in any case.
 */
export interface IncomingEvidence {
  readonly decisiveErrMsgs?: readonly string[]
  readonly socketCodes?: readonly string[]
  readonly errMsgs?: readonly string[]
  readonly errCodes?: readonly number[]
}

export interface CatalogEntry {
  readonly source: ErrorSource
  readonly retryable: boolean
  /** Default developer message (English); call sites may give a more specific one. */
  readonly message: string
  /** Shown to end users (Chinese). */
  readonly userMessage: string
  readonly hint: string
  readonly incoming?: IncomingEvidence
}

export const ERROR_CATALOG = {
  INVALID_REQUEST: {
    source: 'caller',
    retryable: false,
    message: 'The event is not a valid recognition request.',
    userMessage: '请求参数有误，请重新选择图片。',
    hint: 'Send exactly one of fileID, imgUrl or img ({ contentType, value }); see the README for the event contract.',
  },
  IMAGE_TOO_LARGE: {
    source: 'caller',
    retryable: false,
    message: 'The image is larger than the platform accepts (2 MB).',
    userMessage: '图片太大，请压缩到 2MB 以内后重试。',
    hint: `Compress the image below ${IMAGE_SIZE_LIMIT_BYTES} bytes before uploading (wx.compressImage, or lower quality / width).`,
  },
  UNSUPPORTED_IMAGE: {
    source: 'caller',
    retryable: false,
    message: 'The bytes are not an image of a supported type (JPEG, PNG, BMP, GIF, WebP).',
    userMessage: '不支持该图片格式，请选择 JPG 或 PNG 图片。',
    hint: 'Send JPEG, PNG, BMP, GIF or WebP bytes; the type is read from the bytes, not from contentType.',
  },
  IMAGE_CORRUPT: {
    source: 'caller',
    retryable: false,
    message:
      'The bytes start like an image but are damaged (cut short, or garbage after the header).',
    userMessage: '图片已损坏，请重新选择或重新拍摄。',
    hint: 'Re-encode or re-upload the image: its header or integrity marks (PNG CRC/IEND, JPEG SOF/EOI, GIF trailer, WebP RIFF length, BMP size) do not hold, so WeChat would answer 101002 and still charge the call.',
  },
  FILE_NOT_FOUND: {
    source: 'caller',
    retryable: false,
    message: 'The cloud file does not exist in this environment.',
    userMessage: '图片不存在或已过期，请重新上传。',
    hint: 'Check that the fileID comes from wx.cloud.uploadFile in this same env and was not deleted.',
  },
  FILE_FORBIDDEN: {
    source: 'caller',
    retryable: false,
    message: "The file is outside the calling user's upload prefix or this environment.",
    userMessage: '无权读取该图片，请重新上传。',
    hint: `Upload under ${DEFAULT_UPLOAD_PREFIX} (or the prefix set in OCR_UPLOAD_PREFIX) in the same env, then send that fileID.`,
  },
  PERMISSION_MISSING: {
    source: 'platform',
    retryable: false,
    message: 'The function has no permission to call ocr.printedText (-604101).',
    userMessage: '服务暂未开通识别权限，请稍后再试。',
    hint: 'Add {"permissions":{"openapi":["ocr.printedText"]}} to the function\'s config.json and upload the function from WeChat DevTools (the CLI does not read config.json); the permission cache can take up to 10 minutes.',
    incoming: { errCodes: [-604101] },
  },
  INVALID_IMAGE_URL: {
    source: 'caller',
    retryable: false,
    message: 'WeChat could not download an image from imgUrl (101000).',
    userMessage: '图片链接无效，请更换图片。',
    hint: 'Give a public http(s) URL that answers 200 with image bytes; WeChat fetches it from its own servers.',
    incoming: { errCodes: [101000] },
  },
  IMAGE_DECODE_FAILED: {
    source: 'caller',
    retryable: false,
    message: 'WeChat could not decode the image, or it is over the size limit (101002).',
    userMessage: '图片无法识别，请换一张清晰的图片。',
    hint: 'Send an intact JPEG or PNG under 2 MB; re-encode images from unusual sources.',
    incoming: { errCodes: [101002] },
  },
  NO_TEXT_FOUND: {
    source: 'caller',
    retryable: false,
    message: 'No text was detected in the image (101001).',
    userMessage: '图片中没有识别到文字。',
    hint: 'Photograph the text closer, in focus and well lit.',
    incoming: { errCodes: [101001] },
  },
  QUOTA_EXHAUSTED: {
    source: 'platform',
    retryable: false,
    message: "The account's OCR quota is used up (45009 / 101003 / not enough market quota).",
    userMessage: '今日识别次数已用完，请明天再试。',
    hint: 'The free quota is about 100 calls a day and resets at midnight (UTC+8); buy more on the WeChat service market, and cache results.',
    incoming: { decisiveErrMsgs: ['not enough market quota'], errCodes: [45009, 101003] },
  },
  USER_LIMIT_REACHED: {
    source: 'caller',
    retryable: false,
    message: 'This user reached the daily recognition limit (OCR_USER_DAILY_LIMIT).',
    userMessage: '今日识别次数已达上限，请明天再试。',
    hint: 'Wait until resetsAt (midnight UTC+8); images recognized before are still answered from the cache. Raise OCR_USER_DAILY_LIMIT in the function settings if the limit is too low.',
  },
  QUOTA_BUDGET_REACHED: {
    source: 'platform',
    retryable: false,
    message:
      "The account's daily recognition budget is spent (OCR_DAILY_BUDGET), before the platform's 45009.",
    userMessage: '今日识别次数已用完，请明天再试。',
    hint: 'Wait until resetsAt (midnight UTC+8); cached images are still answered. Raise OCR_DAILY_BUDGET only after buying more quota on the WeChat service market.',
  },
  BUDGET_UNCHECKED: {
    source: 'platform',
    retryable: true,
    message:
      "The daily budget or the caller's daily limit could not be checked (the store failed or did not answer in time), so no call was made.",
    userMessage: '服务繁忙，请稍后重试。',
    hint: 'Retry in a few seconds. The database (or the HTTPS client\'s store) is slow or down, and the guard refuses to spend a call it cannot count; set OCR_BUDGET_UNCHECKED=spend (HTTPS client: budgetUnchecked: "spend") to call the platform anyway.',
  },
  API_UNAUTHORIZED: {
    source: 'platform',
    retryable: false,
    message: 'The account may not call this API (48001).',
    userMessage: '服务暂不可用。',
    hint: 'ocr.printedText requires a verified (认证) mini program or official account; complete verification in the WeChat admin console.',
    incoming: { errCodes: [48001] },
  },
  ACCESS_TOKEN_INVALID: {
    source: 'platform',
    retryable: false,
    message: 'The access_token is invalid or expired (40001 / 42001 / 40014).',
    userMessage: '服务暂不可用，请稍后再试。',
    hint: 'Fetch a fresh token (stable_token) with the right AppID and AppSecret; do not share one token between services that refresh it independently.',
    incoming: { errCodes: [40001, 42001, 40014] },
  },
  CREDENTIALS_REFUSED: {
    source: 'caller',
    retryable: false,
    message:
      'The platform refused to issue an access_token for this AppID, AppSecret or server IP (40013 / 40125 / 40164 / 41002 / 41004).',
    userMessage: '服务配置有误，暂时无法识别，请联系管理员。',
    hint: "Check appId and appSecret (mp.weixin.qq.com → 开发管理 → 开发设置; resetting the AppSecret invalidates the old one) and add this server's outbound IP to the API IP whitelist (40164).",
    incoming: {
      // invalid appid, invalid appsecret, invalid ip (not in the whitelist), appid missing, appsecret
      // missing, invalid grant_type (our bug if it ever happens, but nothing a retry fixes either).
      errCodes: [40013, 40125, 40164, 41002, 41004, 40002],
    },
  },
  MEDIA_MISSING: {
    source: 'caller',
    retryable: false,
    message: 'The request carried no image (41005).',
    userMessage: '没有收到图片，请重新上传。',
    hint: 'Send img_url in the query string (URL-encoded) or the image as multipart field "img" with a filename.',
    incoming: { errCodes: [41005] },
  },
  SYSTEM_BUSY: {
    source: 'platform',
    retryable: true,
    message: 'The WeChat system is busy (-1).',
    userMessage: '系统繁忙，请稍后重试。',
    hint: 'Retry after a few seconds; the function already retried with backoff.',
    incoming: { errCodes: [-1] },
  },
  TIMEOUT: {
    source: 'platform',
    retryable: true,
    message: 'The platform did not answer within the time budget.',
    userMessage: '识别超时，请重试。',
    hint:
      'Retry. If it keeps timing out, set the function timeout to 20 s: in DevTools or the CloudBase ' +
      'console (云函数 → ocrPrintedText → 函数配置 → 超时时间), or `npm run deploy` / ' +
      '`tcb fn config update ocrPrintedText` with cloudbaserc.json (timeout: 20).',
    incoming: {
      // Node's and the SDK's socket timeouts, and undici's own (fetch in the HTTPS client).
      socketCodes: [
        'ETIMEDOUT',
        'ESOCKETTIMEDOUT',
        'UND_ERR_CONNECT_TIMEOUT',
        'UND_ERR_HEADERS_TIMEOUT',
        'UND_ERR_BODY_TIMEOUT',
      ],
      errMsgs: ['ETIMEDOUT', 'ESOCKETTIMEDOUT', 'request timeout', 'connect timeout'],
      // The gateway's own timeouts: "call open API timeout", "resource server timeout".
      errCodes: [-604102, -501002],
    },
  },
  NETWORK_ERROR: {
    source: 'platform',
    retryable: true,
    message: 'The connection to the platform failed (reset, refused or closed).',
    userMessage: '网络异常，请重试。',
    hint: 'Retry; if it persists, check the cloud environment status.',
    incoming: {
      // As Node, undici and @cloudbase/node-sdk name them (the SDK wraps them as errCode -1).
      socketCodes: [
        'ECONNRESET',
        'ECONNREFUSED',
        'EPIPE',
        'ECONNABORTED',
        'EHOSTUNREACH',
        'ENETUNREACH',
        'EAI_AGAIN',
        'UND_ERR_SOCKET',
      ],
      errMsgs: ['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ECONNABORTED', 'socket hang up'],
    },
  },
  UPSTREAM_ERROR: {
    source: 'platform',
    retryable: false,
    message: 'The platform answered with an unexpected error or an empty or malformed reply.',
    userMessage: '识别服务异常，请稍后再试。',
    hint: 'Look up errCode in the WeChat error code list; report the requestId if it repeats.',
  },
  ABORTED: {
    source: 'caller',
    retryable: false,
    message: "The caller's AbortSignal ended the recognition before it was sent or retried.",
    userMessage: '请求已取消。',
    hint: 'Your own deadline or cancel fired (recognize(input, { signal })); the call was waiting for a free slot (maxConcurrency) or between attempts. Give it more time, or lower the load.',
  },
  INTERNAL: {
    source: 'internal',
    retryable: false,
    message: 'An unexpected error inside the function.',
    userMessage: '服务内部错误，请稍后再试。',
    hint: 'Find the requestId in the function log and report it; this is a bug in the function.',
  },
} as const satisfies Record<string, CatalogEntry>

export type ErrorCode = keyof typeof ERROR_CATALOG

export const ERROR_CODES = Object.keys(ERROR_CATALOG) as [ErrorCode, ...ErrorCode[]]
