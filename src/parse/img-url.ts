// imgUrl, parsed strictly: WeChat fetches it from its own servers and charges the call whether or not the
// fetch works, so anything a lenient parser would silently "fix" is refused instead. WHATWG URL parsing
// trims surrounding spaces, drops tabs and newlines inside, and reads "https:host/path" and backslashes as
// "https://host/path"; each of those is refused here. What is forwarded is the normalized href (an inner
// space or a Chinese path percent-encoded, as any fetcher would), and its length is what the limit counts.
// A user or password part is refused too: the platform would carry the credentials to the image host (and
// the call would be charged whatever the host answered), and a refusal never quotes the URL back.
import * as z from 'zod'

/** The platform's limit, counted on the encoded URL that is sent. */
export const MAX_IMG_URL_LENGTH = 2048

const SCHEME_AND_AUTHORITY = /^https?:\/\/[^/\\]/i
// C0 controls (tab, newline...), DEL and C1 controls.
const CONTROL = /\p{Cc}/u

/**
 * The authority as written, up to the first "/", "?" or "#": WHATWG parsing drops an empty user part
 * ("https://@host", "https://:@host"), so an "@" is looked for here as well as in the parsed URL.
 */
function writtenAuthority(value: string): string {
  const afterScheme = value.slice(value.indexOf('//') + 2)
  return afterScheme.split(/[/?#]/, 1)[0] ?? ''
}

function carriesCredentials(value: string, url: URL): boolean {
  return url.username !== '' || url.password !== '' || writtenAuthority(value).includes('@')
}

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
  if (carriesCredentials(value, url)) {
    return 'imgUrl carries a user name or password (user:password@host); give a URL without one'
  }
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
