// Sample events from test/events/*.json: the same files a person pastes into the cloud console's test panel.
import fs from 'node:fs'
import path from 'node:path'

export const EVENTS_DIR = path.join(__dirname, '..', 'events')

export function sampleEvent(name: string): Record<string, unknown> {
  const file = path.join(EVENTS_DIR, `${name}.json`)
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>
}

export function allSampleEvents(): Array<{ name: string; event: Record<string, unknown> }> {
  return fs
    .readdirSync(EVENTS_DIR)
    .filter((f) => f.endsWith('.json'))
    .map((f) => ({ name: f.replace(/\.json$/, ''), event: sampleEvent(f.replace(/\.json$/, '')) }))
}

/** A deep copy with one change applied: bad-input tests break exactly one field of a good event. */
export function breakOne(
  event: Record<string, unknown>,
  change: (copy: Record<string, unknown>) => void,
): Record<string, unknown> {
  const copy = structuredClone(event)
  change(copy)
  return copy
}

/** `url` with `text` put inside its path (after the path's first character), whatever the sample's URL is. */
export function insideUrlPath(url: string, text: string): string {
  const at = url.indexOf('/', url.indexOf('//') + 2) + 2
  return `${url.slice(0, at)}${text}${url.slice(at)}`
}

/** `url` written `https:host/path`: no slashes after the scheme, which lenient parsers accept. */
export function withoutSchemeSlashes(url: string): string {
  return url.replace(/^(https?:)\/\//, '$1')
}

/** A password no other text in a test contains, so finding it anywhere in the output is a leak. */
export const URL_PASSWORD = 'Pw-7f3c9e1a-only-here'

/** User and password parts of an imgUrl, each of which must be refused (the label names the form). */
export const URL_CREDENTIALS: ReadonlyArray<readonly [string, string]> = [
  ['a user and a password', `user:${URL_PASSWORD}`],
  ['a user only', 'user'],
  ['a password only', `:${URL_PASSWORD}`],
  ['a percent-encoded user and password', `us%65r:${encodeURIComponent(URL_PASSWORD)}%40x`],
  ['an empty user part', ''],
  ['an empty user and password', ':'],
]

/** `url` with `userinfo@` written in front of its host. */
export function withUserInfo(url: string, userinfo: string): string {
  return url.replace('//', `//${userinfo}@`)
}
