// A rule that must change in one place is written in one place: these scans fail as soon as a second
// file writes a rule's value again, which is how owners start to disagree (the 2 MiB limit once had
// three). The owners themselves are tested for agreement where the rule is applied.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'

const ROOT = path.join(__dirname, '../..')
/** Everything that ships or runs: the function and client, the local cloud, the scripts, the app. */
const SCANNED_FOLDERS = ['src', 'emulator', 'scripts', 'bench', 'miniprogram']
const CODE_FILE = /\.(?:ts|js|mjs|cjs)$/
/** Installed or built copies of the sources above (git-ignored), not owners of anything. */
const BUILT = new Set(['node_modules', 'miniprogram_npm'])

function codeFiles(): string[] {
  return SCANNED_FOLDERS.filter((folder) => existsSync(path.join(ROOT, folder))).flatMap((folder) =>
    readdirSync(path.join(ROOT, folder), { recursive: true, encoding: 'utf8' })
      .filter(
        (file) => CODE_FILE.test(file) && !file.split(path.sep).some((part) => BUILT.has(part)),
      )
      .map((file) => path.posix.join(folder, file.split(path.sep).join('/'))),
  )
}

const sources = new Map(
  codeFiles().map((file) => [file, readFileSync(path.join(ROOT, file), 'utf8')] as const),
)

/** The files whose source matches any of the patterns. */
function filesWriting(patterns: readonly RegExp[]): string[] {
  return [...sources]
    .filter(([, source]) => patterns.some((pattern) => pattern.test(source)))
    .map(([file]) => file)
    .sort()
}

describe('one owner for each rule', () => {
  it('scans the source it means to', () => {
    expect(sources.has('src/checks/size-limit.ts')).toBe(true)
    expect(sources.has('emulator/ocr-service/service.ts')).toBe(true)
  })

  it('writes the platform image limit (2 MiB) only in src/checks/size-limit.ts', () => {
    const writers = filesWriting([
      /\b2\s*\*\s*1024\s*\*\s*1024\b/,
      /\b2\s*\*\s*MB\b/,
      /\b2_?097_?152\b/,
      /\b2,097,152\b/,
      /\b1\s*<<\s*21\b/,
      /\b2\s*\*\*\s*21\b/,
    ])

    expect(writers).toEqual(['src/checks/size-limit.ts'])
  })
  it("writes the function's timeout (20 s) and the default retry budget only in src/retry/policy.ts", () => {
    const writers = filesWriting([/\b20_?000\b/, /\b18_?000\b/])

    expect(writers).toEqual(['src/retry/policy.ts'])
  })
  it('writes the default upload prefix only in src/parse/upload-prefix.ts', () => {
    const writers = filesWriting([/ocr-uploads\//])

    expect(writers).toEqual(['src/parse/upload-prefix.ts'])
  })
})
