// Keeps the AppSecret and the access_tokens this client has seen, and masks them (and anything shaped like
// a token or secret parameter) out of every text that leaves the client: log lines, failure messages, and
// messages taken from errors thrown by fetch, which may quote the whole request URL. A secret is masked in
// every form it takes in text: as it is, JSON-escaped (the stable_token body, an echoed body) and
// percent-encoded (a URL, a form); masking only the raw form left everything after a quote in view.
import { secretForms } from './secret-forms'

/** How many recent tokens are remembered; older ones have expired or been replaced long ago. */
const RECENT_TOKENS = 16
const MASK = '***'

// access_token=T in a URL, "secret":"S" in a JSON body, secret=S in a query string.
const QUERY_PARAM = /\b(access_token|authorizer_access_token|secret|appsecret)=[^&\s"'#]*/gi
// The JSON string runs to the first quote that is not escaped.
const JSON_FIELD =
  /("(?:access_token|authorizer_access_token|secret|appsecret)"\s*:\s*")(?:[^"\\]|\\.)*"/gi
// A token this client never saw (a caller's getAccessToken quoting the one it just failed to renew) is
// caught by its shape: access_tokens are long runs of letters, digits, "_" and "-" (about 140 characters).
// Nothing else the client writes into a message is that long without a space or a dot.
const TOKEN_SHAPED = /[A-Za-z0-9_-]{32,}/g

export class SecretBook {
  private readonly fixed: string[] = []
  private readonly recent: string[] = []

  constructor(fixedSecrets: readonly string[] = []) {
    for (const secret of fixedSecrets) {
      // A secret is masked whatever its length: a mangled message is better than a leaked secret.
      if (secret !== '') this.fixed.push(secret)
    }
  }

  /**
   * Remembers a token the client obtained, so it is masked wherever it shows up later. Whatever its
   * length: a caller's getAccessToken may hand out short test or proxy tokens, and a mangled message is
   * better than a leaked token.
   */
  remember(token: string): void {
    if (token === '' || this.recent.includes(token)) return
    this.recent.push(token)
    if (this.recent.length > RECENT_TOKENS) this.recent.shift()
  }

  /**
   * Exact secrets first, in each of their forms, longest first: the patterns stop at "#", a space or a quote, so a secret holding
   * one of those, masked by pattern first, would leave its tail in the text and then no longer match
   * exactly. The patterns then catch what this client never saw.
   */
  redact(text: string): string {
    let masked = text
    const exact = [...this.fixed, ...this.recent]
      .flatMap(secretForms)
      .sort((a, b) => b.length - a.length)
    for (const secret of exact) masked = masked.split(secret).join(MASK)
    masked = masked.replace(QUERY_PARAM, `$1=${MASK}`).replace(JSON_FIELD, `$1${MASK}"`)
    return masked.replace(TOKEN_SHAPED, MASK)
  }
}
