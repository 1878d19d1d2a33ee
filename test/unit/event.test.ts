import * as z from 'zod'

import { causeOf } from '../../src/errors/failure'
import { parseOcrEvent } from '../../src/parse/parse-event'
import { allSampleEvents, breakOne, sampleEvent } from '../support/events'

function problemsOf(event: unknown): string {
  const parsed = parseOcrEvent(event)
  if (parsed.ok) throw new Error('expected INVALID_REQUEST')
  expect(parsed.error.code).toBe('INVALID_REQUEST')
  return parsed.error.message
}

describe('parseOcrEvent', () => {
  it.each(allSampleEvents().filter((s) => s.name !== 'upload-prefix'))(
    'accepts the sample event $name',
    ({ event }) => {
      expect(parseOcrEvent(event).ok).toBe(true)
    },
  )

  it('tags the source so later code never re-checks keys', () => {
    const parsed = parseOcrEvent(sampleEvent('file-id'))
    expect(parsed).toEqual({
      ok: true,
      source: {
        kind: 'fileID',
        fileID: sampleEvent('file-id').fileID,
        deleteAfter: false,
      },
    })
  })

  it('accepts and ignores the seed example type: photo', () => {
    const parsed = parseOcrEvent(sampleEvent('seed-example'))
    expect(parsed.ok && parsed.source).toEqual({
      kind: 'imgUrl',
      imgUrl: sampleEvent('seed-example').imgUrl,
    })
  })

  it('refuses an event with no source', () => {
    expect(problemsOf(breakOne(sampleEvent('img-url'), (e) => delete e.imgUrl))).toMatch(
      /one image source is required/,
    )
  })

  it('refuses two sources and names them', () => {
    const event = breakOne(sampleEvent('img-url'), (e) => {
      e.fileID = sampleEvent('file-id').fileID
    })
    expect(problemsOf(event)).toMatch(/exactly one image source is allowed, got fileID and imgUrl/)
  })

  it('lists unknown keys', () => {
    const event = breakOne(sampleEvent('img-url'), (e) => {
      e.imgURL = 'https://example.com/a.png'
      e.lang = 'zh'
    })
    expect(problemsOf(event)).toMatch(/Unrecognized keys: "imgURL", "lang"/)
  })

  it("keeps zod's error as the failure's cause, and never sends it", () => {
    // Prepare
    const event = breakOne(sampleEvent('file-id'), (e) => {
      e.fileID = 42
    })
    // Act
    const parsed = parseOcrEvent(event)
    // Assess
    if (parsed.ok) throw new Error('expected INVALID_REQUEST')
    const cause = causeOf(parsed)
    expect(cause).toBeInstanceOf(z.ZodError)
    expect(parsed.error.message).toContain(z.prettifyError(cause as z.ZodError))
    expect(parsed.error.message).toMatch(/→ at fileID/)
    expect(JSON.parse(JSON.stringify(parsed))).toEqual({ ok: false, error: { ...parsed.error } })
    expect(Object.keys(parsed.error)).not.toContain('cause')
  })

  it.each([
    ['ftp scheme', 'ftp://example.com/a.png'],
    ['relative path', '/images/a.png'],
    ['not a URL', 'notice.jpg'],
    ['empty', ''],
  ])('refuses imgUrl that is a %s', (_label, imgUrl) => {
    const event = breakOne(sampleEvent('img-url'), (e) => {
      e.imgUrl = imgUrl
    })
    expect(problemsOf(event)).toMatch(/imgUrl/)
  })

  it.each([
    ['no cloud:// scheme', 'https://example.com/a.png'],
    ['no path', 'cloud://env.bucket'],
    ['a number', 42],
  ])('refuses a fileID with %s', (_label, fileID) => {
    const event = breakOne(sampleEvent('file-id'), (e) => {
      e.fileID = fileID
    })
    expect(problemsOf(event)).toMatch(/fileID/)
  })

  it('refuses deleteAfter without a fileID', () => {
    const event = breakOne(sampleEvent('img-url'), (e) => {
      e.deleteAfter = true
    })
    expect(problemsOf(event)).toMatch(/deleteAfter applies to fileID only/)
  })

  it('refuses img without value, and unknown keys inside img', () => {
    expect(
      problemsOf(
        breakOne(sampleEvent('img-base64'), (e) => delete (e.img as Record<string, unknown>).value),
      ),
    ).toMatch(/img\.value/)
    const extra = breakOne(sampleEvent('img-base64'), (e) => {
      ;(e.img as Record<string, unknown>).filename = 'a.png'
    })
    expect(problemsOf(extra)).toMatch(/filename/)
  })

  it.each([null, undefined, 'fileID', 42, [], true])('refuses a non-object event %p', (event) => {
    expect(problemsOf(event)).toMatch(/Invalid request/)
  })
})
