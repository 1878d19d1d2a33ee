// imgUrl, parsed strictly: WeChat fetches it from its own servers and charges the call whether or not the
// fetch works, so anything a lenient parser would silently "fix" is refused instead. WHATWG URL parsing
// trims surrounding spaces, drops tabs and newlines inside, and reads "https:host/path" and backslashes as
// "https://host/path"; each of those is refused here. What is forwarded is the normalized href (an inner
// space or a Chinese path percent-encoded, as any fetcher would), and its length is what the limit counts.
import * as z from 'zod'

/** The platform's limit, counted on the encoded URL that is sent. */
export const MAX_IMG_URL_LENGTH = 2048

const SCHEME_AND_AUTHORITY = /^https?:\/\/[^/\\]/i
// C0 controls (tab, newline...), DEL and C1 controls.
const CONTROL = /\p{Cc}/u

function problemOf(value: string): string | undefined {
  if (value !== value.trim()) return 'imgUrl starts or ends with white space'
  if (CONTROL.test(value)) return 'imgUrl contains a control character (a tab or a line break?)'
  if (value.includes('\\')) return 'imgUrl contains a backslash'
  if (!SCHEME_AND_AUTHORITY.test(value)) {
    return 'imgUrl must be an absolute http(s) URL starting with http:// or https://'
  }
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return 'imgUrl is not a valid URL'
  }
  if (url.hostname === '') return 'imgUrl has no host'
  if (url.href.length > MAX_IMG_URL_LENGTH) {
    return `imgUrl is ${url.href.length} characters once encoded; the limit is ${MAX_IMG_URL_LENGTH}`
  }
  return undefined
}

/** An absolute http(s) URL, as its normalized href. */
export const ImgUrlSchema = z.string().transform((value, ctx) => {
  const problem = problemOf(value)
  if (problem !== undefined) {
    ctx.addIssue({ code: 'custom', message: problem })
    return z.NEVER
  }
  return new URL(value).href
})
