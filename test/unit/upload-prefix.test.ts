// One rule for where a mini program user's uploads lie: the prefix the uploadPrefix action answers is the
// one the fileID guard checks, for any OPENID and any usable template.
import fc from 'fast-check'

import { DEFAULT_TRUSTED_SOURCES, guardFileAccess, prefixFor } from '../../src/source/file-access'
import { DEFAULT_UPLOAD_PREFIX, isPrefixTemplate } from '../../src/parse/upload-prefix'
import { answerUploadPrefix } from '../../src/function/upload-prefix-handler'
import { OcrFailureSchema } from '../../src/reply/schema'
import { SAMPLE_CLOUD_PATHS, SAMPLE_OPENID } from '../../emulator/storage/samples'
import { planRun } from '../../emulator/playground/run'
import { eventFor } from '../../scripts/ocr-target'
import { createInMemoryPort } from '../support/in-memory-port'

const RULE = { uploadPrefix: DEFAULT_UPLOAD_PREFIX, trustedSources: DEFAULT_TRUSTED_SOURCES }
const ENV = 'env-1a2b'
const fileIdAt = (path: string) => `cloud://${ENV}.6c6f-bucket/${path}`

describe('prefixFor', () => {
  it('puts the OPENID in literally, even one that reads like a replacement pattern', () => {
    expect(prefixFor(RULE, { OPENID: "o$&x$'y$`" })).toBe("ocr-uploads/o$&x$'y$`/")
    expect(prefixFor({ uploadPrefix: 'a/{OPENID}/b/{OPENID}/' }, { OPENID: '7' })).toBe('a/7/b/7/')
  })

  it('gives a call without an OPENID no prefix, whatever else it carries', () => {
    expect(prefixFor(RULE, { SOURCE: 'scf', ENV })).toBeUndefined()
  })

  it('accepts only relative, per-user folders as templates', () => {
    expect(isPrefixTemplate(DEFAULT_UPLOAD_PREFIX)).toBe(true)
    expect(isPrefixTemplate('users/{OPENID}/ocr/')).toBe(true)
    for (const bad of [
      'uploads/',
      '/u/{OPENID}/',
      'u/../{OPENID}/',
      'u/{OPENID}',
      'u//{OPENID}/',
    ]) {
      expect(isPrefixTemplate(bad)).toBe(false)
    }
  })
})

describe('the uploadPrefix action', () => {
  it('answers the prefix the guard lets this user read, and no other user', () => {
    // Replacement patterns ($&, $', $`) included: a String.replace anywhere would move the prefix.
    const openid = fc
      .oneof(fc.constantFrom('o$&x', "o$'y", 'o$`z'), fc.string({ minLength: 1, maxLength: 28 }))
      .filter((s) => !/[/\s.]/.test(s))
    const template = fc.constantFrom(DEFAULT_UPLOAD_PREFIX, 'users/{OPENID}/ocr/', '{OPENID}/')
    fc.assert(
      fc.property(openid, openid, template, (mine, theirs, uploadPrefix) => {
        fc.pre(mine !== theirs && !theirs.startsWith(mine))
        const rule = { ...RULE, uploadPrefix }
        const port = createInMemoryPort({ context: { OPENID: mine, ENV } })
        const reply = answerUploadPrefix(port, rule, 'req-1')
        if (!reply.ok) throw new Error(`expected a prefix, got ${reply.error.code}`)
        const caller = port.wxContext()
        expect(guardFileAccess(fileIdAt(`${reply.uploadPrefix}a.png`), caller, rule)).toEqual({
          ok: true,
        })
        const others = prefixFor(rule, { OPENID: theirs })
        const refused = guardFileAccess(fileIdAt(`${others}a.png`), caller, rule)
        expect(refused).toMatchObject({ ok: false, error: { code: 'FILE_FORBIDDEN' } })
      }),
      { numRuns: 200 },
    )
  })

  it('answers INVALID_REQUEST, with the request id, to a call without an OPENID', () => {
    const port = createInMemoryPort({ context: { SOURCE: 'scf' } })
    const reply = OcrFailureSchema.parse(answerUploadPrefix(port, RULE, 'req-2'))
    expect(reply.error).toMatchObject({ code: 'INVALID_REQUEST', requestId: 'req-2' })
    expect(port.calls).toEqual([])
  })
})

describe("the local cloud's uploads", () => {
  /** A storage that keeps the paths it is given and names each file as the gateway would. */
  function recordingStorage() {
    const paths: string[] = []
    return { paths, put: async (cloudPath: string) => (paths.push(cloudPath), fileIdAt(cloudPath)) }
  }

  it('run as a user the function lets read them: `npm run ocr <file>`, the playground', async () => {
    // Prepare
    const storage = recordingStorage()
    const file = `${__dirname}/../../emulator/storage/samples/seed-notice.png`
    // Act
    const runs = [
      await eventFor({ kind: 'file', path: file }, storage),
      await planRun({ image: Buffer.from('png').toString('base64'), name: 'photo.PNG' }, storage),
    ]
    // Assess
    expect(storage.paths).toHaveLength(2)
    for (const { event, openid } of runs) {
      const { fileID } = event as { fileID: string }
      expect(guardFileAccess(fileID, { OPENID: openid, ENV }, RULE)).toEqual({ ok: true })
    }
    expect(storage.paths.map((p) => p.slice(p.lastIndexOf('.')))).toEqual(['.png', '.png'])
  })

  it("seeds the mini program sample where the function lets the sample's user read it", () => {
    const readable = SAMPLE_CLOUD_PATHS.filter(
      (path) => guardFileAccess(fileIdAt(path), { OPENID: SAMPLE_OPENID, ENV }, RULE).ok,
    )

    expect(readable).toHaveLength(1)
  })
})
