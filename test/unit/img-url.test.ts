// imgUrl is refused when a lenient parser would silently change it, and forwarded as its normalized href.
// Each case breaks the imgUrl of the good sample event.
import { parseOcrEvent } from '../../src/parse/parse-event'
import {
  breakOne,
  insideUrlPath,
  sampleEvent,
  URL_CREDENTIALS,
  URL_PASSWORD,
  withUserInfo,
} from '../support/events'

const good = sampleEvent('img-url')
const goodUrl = good.imgUrl as string

function parsedUrl(imgUrl: string): string {
  const parsed = parseOcrEvent(breakOne(good, (e) => (e.imgUrl = imgUrl)))
  if (!parsed.ok) return `refused: ${parsed.error.message}`
  return parsed.source.kind === 'imgUrl' ? parsed.source.imgUrl : 'not an imgUrl source'
}

it.each([
  ['a leading space', ` ${goodUrl}`, /white space/],
  ['a trailing newline', `${goodUrl}\n`, /white space/],
  ['a tab inside', insideUrlPath(goodUrl, '\t'), /control character/],
  ['a newline inside', insideUrlPath(goodUrl, '\n'), /control character/],
  ['a NUL inside', insideUrlPath(goodUrl, '\u0000'), /control character/],
  ['no slashes after the scheme', 'https:example.com/images/notice.jpg', /absolute http/],
  ['one slash after the scheme', 'https:/example.com/images/notice.jpg', /absolute http/],
  ['backslashes', 'https:\\\\example.com\\images\\notice.jpg', /backslash/],
  ['a javascript: URL', 'javascript:alert(1)', /absolute http/],
])('refuses an imgUrl with %s', (_label, imgUrl, problem) => {
  expect(parsedUrl(imgUrl)).toMatch(/^refused: /)
  expect(parsedUrl(imgUrl)).toMatch(problem)
})

it('forwards the normalized href', () => {
  expect(parsedUrl('HTTPS://Example.COM:443/a b/图.png?q=x y')).toBe(
    'https://example.com/a%20b/%E5%9B%BE.png?q=x%20y',
  )
})

it('counts the 2048 limit on the encoded URL', () => {
  const base = 'https://example.com/'
  const ascii = `${base}${'a'.repeat(2048 - base.length)}`
  expect(parsedUrl(ascii)).toBe(ascii)
  // 600 Chinese characters are 600 characters raw, 5,400 once percent-encoded.
  const chinese = `${base}${'图'.repeat(600)}`
  expect(chinese.length).toBeLessThan(2048)
  expect(parsedUrl(chinese)).toMatch(
    /refused: [^]*5420 characters once encoded; the limit is 2048\n {2}→ at imgUrl/,
  )
  expect(parsedUrl(`${ascii}b`)).toMatch(/refused/)
})

it.each(URL_CREDENTIALS)('refuses an imgUrl with %s, without quoting it', (_label, userinfo) => {
  // Prepare
  const imgUrl = withUserInfo(goodUrl, userinfo)
  // Act
  const parsed = parseOcrEvent(breakOne(good, (e) => (e.imgUrl = imgUrl)))
  // Assess
  expect(parsed).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } })
  expect(!parsed.ok && parsed.error.message).toMatch(/user name or password/)
  expect(JSON.stringify(parsed)).not.toContain(URL_PASSWORD)
  expect(JSON.stringify(parsed)).not.toContain('Pw-7f3c9e1a')
})

it('takes an "@" after the host as part of the path, not as credentials', () => {
  expect(parsedUrl('https://example.com/@user/a.png?by=a@b')).toBe(
    'https://example.com/@user/a.png?by=a@b',
  )
})
