// The platform paths the client calls, joined onto a base URL that may carry a path of its own (a company
// egress proxy such as https://proxy.example.com/wechat), which `new URL(path, base)` would silently drop.

export const OCR_PATH = '/cv/ocr/comm'
export const STABLE_TOKEN_PATH = '/cgi-bin/stable_token'

export function endpointUrl(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/+$/, '')}${path}`
}
