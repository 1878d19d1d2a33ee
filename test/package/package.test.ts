// The published package, as a server team gets it: packed, installed from the tarball into a new project
// (offline, from npm's cache), then required, imported, type-checked under node16 (CommonJS and ESM) and
// bundler resolution, and used to recognize an image against the local cloud. It also carries the bin and
// the cloud function for mini program teams (test/package/mini-program-app.test.ts uses them). Nothing else comes along:
// zod is bundled, and only `/schemas` needs the consumer's own (an optional peer), which a second project
// installs beside the package. `npm publish --dry-run` accepts the tarball.
import { createHash } from 'node:crypto'
import { promises as fs, readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import vm from 'node:vm'

import { FUNCTION_FILES } from '../../src/deploy/function-files'
import { OcrReplySchema } from '../../src/reply/schema'
import { startTestCloud, type TestCloud } from '../support/local-cloud'
import { testCredentials } from '../support/https-client'
import { pngImage } from '../support/images/formats'
import { closedOrigin } from '../support/loopback-server'
import {
  ENGINE_PACKAGES,
  REPO_ROOT,
  installTarball,
  installedPackages,
  npm,
  packLibrary,
  run,
  treeBytes,
  zodTarball,
} from '../support/packed-library'
import {
  CHECK_REPLY_CJS,
  CHECK_REPLY_ESM,
  CONSUMERS,
  PACKAGE_NAME,
  RECOGNIZE_CJS,
  RECOGNIZE_ESM,
  SCHEMAS_ENTRY,
  writeConsumer,
} from './consumers'

const MB = 1024 * 1024
const KB = 1024
/** package.json `miniprogram`: what DevTools' 构建 npm copies into miniprogram_npm/<name>/. */
const MINIPROGRAM_DIR = 'miniprogram_dist'
const MINIPROGRAM_FILES = [
  `${MINIPROGRAM_DIR}/index.js`,
  `${MINIPROGRAM_DIR}/index.d.ts`,
  ...['js', 'json', 'wxml', 'wxss', 'd.ts'].map(
    (ext) => `${MINIPROGRAM_DIR}/ocr-photo/index.${ext}`,
  ),
]
const TSC = path.join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc')

let workDir: string
let tarball: string
/** `npm install <tarball>` and nothing else. */
let appDir: string
/** The same with the consumer's own zod beside it, for `/schemas`. */
let zodAppDir: string

beforeAll(async () => {
  workDir = await fs.mkdtemp(path.join(os.tmpdir(), 'package-test-'))
  tarball = await packLibrary(workDir)
  appDir = path.join(workDir, 'app')
  await installTarball(tarball, appDir)
  zodAppDir = path.join(workDir, 'app-with-zod')
  await installTarball(tarball, zodAppDir, [await zodTarball(workDir)])
}, 180_000)
afterAll(() => fs.rm(workDir, { recursive: true, force: true }))

describe('installing the tarball', () => {
  it('brings the package alone: no zod, nothing of the engine or the cloud SDK', async () => {
    // Act
    const installed = await installedPackages(appDir)
    // Assess
    expect(installed).toEqual([PACKAGE_NAME])
    for (const name of [...ENGINE_PACKAGES, 'wx-server-sdk', 'zod']) {
      await expect(fs.stat(path.join(appDir, 'node_modules', name))).rejects.toThrow('ENOENT')
    }
  })

  it("beside a zod of the consumer's own, brings only the two", async () => {
    // Act
    const installed = await installedPackages(zodAppDir)
    // Assess
    expect(installed).toEqual([PACKAGE_NAME, 'zod'])
  })

  it('ships two entries (two bundles and a declaration file per module system), the bin, the function and the mini program half', async () => {
    // Prepare
    const root = path.join(appDir, 'node_modules', PACKAGE_NAME)
    // Act
    const files = (await fs.readdir(root, { recursive: true, withFileTypes: true }))
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)))
    // Assess
    expect(files.sort()).toEqual(
      [
        'LICENSE',
        'README.md',
        'package.json',
        ...['index', 'schemas'].flatMap((entry) =>
          ['cjs', 'mjs', 'd.ts', 'd.mts'].map((extension) => `dist/${entry}.${extension}`),
        ),
        'dist/cli.cjs',
        ...FUNCTION_FILES.map((name) => `cloudfunctions/ocrPrintedText/${name}`),
        ...MINIPROGRAM_FILES,
      ].sort(),
    )
  })

  it('ships the function byte for byte as committed, and a bin that plain Node runs', async () => {
    // Prepare
    const root = path.join(appDir, 'node_modules', PACKAGE_NAME)
    const bin = path.join(appDir, 'node_modules', '.bin', PACKAGE_NAME)
    // Act
    const version = await run(bin, ['--version'], appDir)
    // Assess
    for (const name of FUNCTION_FILES) {
      const shipped = await fs.readFile(path.join(root, 'cloudfunctions', 'ocrPrintedText', name))
      const committed = await fs.readFile(
        path.join(REPO_ROOT, 'cloudfunctions', 'ocrPrintedText', name),
      )
      expect(shipped.equals(committed)).toBe(true)
    }
    expect(await fs.realpath(bin)).toBe(path.join(await fs.realpath(root), 'dist', 'cli.cjs'))
    expect(version).toEqual({ code: 0, stdout: '0.1.0\n', stderr: '' })
  })

  it('takes under 5 MB installed, all of it the package', async () => {
    // Act
    const own = await treeBytes(path.join(appDir, 'node_modules', PACKAGE_NAME))
    const total = await treeBytes(path.join(appDir, 'node_modules'))
    // Assess: the function's bundle (about 0.9 MB, wx-server-sdk inlined), two library bundles of about
    // 0.3 MB each (zod, image-size and crc-32 inlined), the bin (about 0.1 MB, zod inlined) and the
    // declarations; npm's own record of the install and the bin's link are the rest.
    expect(total).toBeLessThan(5 * MB)
    expect(own).toBeLessThan(2 * MB)
    expect(total - own).toBeLessThan(16 * 1024)
  })
})

describe("the mini program half (package.json's `miniprogram`)", () => {
  const root = () => path.join(appDir, 'node_modules', PACKAGE_NAME)

  it('is named by the `miniprogram` field and adds at most 100 KB to a mini program', async () => {
    // Act
    const manifest = JSON.parse(await fs.readFile(path.join(root(), 'package.json'), 'utf8')) as {
      miniprogram?: string
    }
    const bytes = await treeBytes(path.join(root(), MINIPROGRAM_DIR))
    // Assess
    expect(manifest.miniprogram).toBe(MINIPROGRAM_DIR)
    expect(bytes).toBeLessThanOrEqual(100 * KB)
  })

  it('requires nothing outside itself: no Node built-in, no package, no file of the server build', async () => {
    // Prepare
    const dir = path.join(root(), MINIPROGRAM_DIR)
    const scripts = MINIPROGRAM_FILES.filter((file) => file.endsWith('.js'))
    // Act
    const outside: string[] = []
    for (const file of scripts) {
      const text = await fs.readFile(path.join(root(), file), 'utf8')
      for (const [, specifier = ''] of text.matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)) {
        const target = path.resolve(path.dirname(path.join(root(), file)), specifier)
        const inside = specifier.startsWith('.') && !path.relative(dir, target).startsWith('..')
        if (!inside) outside.push(`${file}: ${specifier}`)
      }
    }
    // Assess
    expect(outside).toEqual([])
  })

  it('loads with a require that knows only its own files, and exports recognizePhoto', async () => {
    // Prepare: a context with no Node globals and a require limited to the folder, as a mini program has.
    const dir = path.join(root(), MINIPROGRAM_DIR)
    const loaded = new Map<string, unknown>()
    const load = (file: string): unknown => {
      if (!file.startsWith(dir + path.sep)) throw new Error(`required outside the folder: ${file}`)
      const known = loaded.get(file)
      if (known !== undefined) return known
      const module = { exports: {} as unknown }
      loaded.set(file, module.exports)
      const source = readFileSync(file.endsWith('.js') ? file : `${file}.js`, 'utf8')
      const wrapper = vm.runInNewContext(`(function (module, exports, require) {${source}\n})`, {})
      const localRequire = (specifier: string) => load(path.resolve(path.dirname(file), specifier))
      ;(wrapper as (m: unknown, e: unknown, r: unknown) => void)(
        module,
        module.exports,
        localRequire,
      )
      loaded.set(file, module.exports)
      return module.exports
    }
    // Act
    const api = load(path.join(dir, 'index.js')) as Record<string, unknown>
    // Assess
    expect(typeof api.recognizePhoto).toBe('function')
    expect(typeof api.isOcrReply).toBe('function')
  })
})

describe('from the consumer project', () => {
  let t: TestCloud
  let image: string
  let expectedText: string
  const credentials = testCredentials()

  beforeAll(async () => {
    t = await startTestCloud({ quiet: true, credentials })
    const png = await pngImage(400, 120)
    image = path.join(workDir, 'image.png')
    await fs.writeFile(image, png)
    const digest = createHash('sha256').update(png).digest('hex').slice(0, 8)
    expectedText = `localcloud fake engine\n400x120 ${digest}`
    for (const dir of [appDir, zodAppDir]) {
      await fs.writeFile(path.join(dir, 'recognize.cjs'), RECOGNIZE_CJS)
      await fs.writeFile(path.join(dir, 'recognize.mjs'), RECOGNIZE_ESM)
    }
    await fs.writeFile(path.join(zodAppDir, 'check-reply.cjs'), CHECK_REPLY_CJS)
    await fs.writeFile(path.join(zodAppDir, 'check-reply.mjs'), CHECK_REPLY_ESM)
  })
  afterAll(() => t.stop())

  const env = () => ({
    OCR_BASE_URL: t.cloud.origin,
    WX_APPID: credentials.appId,
    WX_APPSECRET: credentials.appSecret,
  })

  it.each(['recognize.cjs', 'recognize.mjs'])(
    '%s loads the package and recognizes an image through the local cloud, without zod',
    async (script) => {
      // Prepare
      const callsBefore = t.engine.calls
      // Act
      const result = await run(process.execPath, [script, image], appDir, env())
      // Assess
      expect(result.stderr).toBe('')
      expect(result.code).toBe(0)
      const reply = OcrReplySchema.parse(JSON.parse(result.stdout))
      expect(reply.ok ? reply.text : reply.error.code).toBe(expectedText)
      expect(t.engine.calls).toBe(callsBefore + 1)
    },
  )

  it.each(['check-reply.cjs', 'check-reply.mjs'])(
    "%s checks a recognized reply, and a broken one, with /schemas and the consumer's zod",
    async (script) => {
      // Prepare: a reply from the main entry, in the same project.
      const recognized = await run(process.execPath, ['recognize.cjs', image], zodAppDir, env())
      expect(recognized.code).toBe(0)
      const good = path.join(zodAppDir, 'good-reply.json')
      await fs.writeFile(good, recognized.stdout)
      const broken = path.join(zodAppDir, 'broken-reply.json')
      const { items: _dropped, ...withoutItems } = JSON.parse(recognized.stdout) as object & {
        items?: unknown
      }
      await fs.writeFile(broken, JSON.stringify(withoutItems))
      // Act
      const checkedGood = await run(process.execPath, [script, good], zodAppDir)
      const checkedBroken = await run(process.execPath, [script, broken], zodAppDir)
      // Assess
      expect(checkedGood.stderr).toBe('')
      expect(JSON.parse(checkedGood.stdout)).toEqual(JSON.parse(recognized.stdout))
      const issues = JSON.parse(checkedBroken.stdout) as { path: unknown[] }[]
      expect(issues.map((issue) => issue.path)).toEqual([['items']])
    },
  )

  it("/schemas needs the consumer's zod: without it, loading it names zod", async () => {
    // Act
    const result = await run(
      process.execPath,
      ['-e', `require(${JSON.stringify(SCHEMAS_ENTRY)})`],
      appDir,
    )
    // Assess
    expect(result.code).not.toBe(0)
    expect(result.stderr).toContain("Cannot find module 'zod'")
  })

  const typeChecks = CONSUMERS.flatMap((consumer) =>
    (['main', 'schemas'] as const).map((entry) => ({ ...consumer, entry })),
  )
  it.each(typeChecks)(
    'type-checks a consumer of the $entry entry on $name resolution',
    async ({ entry, ...consumer }) => {
      // Prepare: the main entry in the project without zod, /schemas in the one with it.
      const project = entry === 'main' ? appDir : zodAppDir
      const dir = await writeConsumer(project, consumer, entry)
      // Act
      const result = await run(process.execPath, [TSC, '-p', dir, '--listFiles'], dir)
      // Assess
      expect(result.stdout.split('\n').filter((line) => /error TS\d+/.test(line))).toEqual([])
      expect(result.code).toBe(0)
      const read = result.stdout.split('\n').map((file) => path.relative(project, file))
      const installed = `node_modules/${PACKAGE_NAME}`
      expect(read).toContain(`${installed}/${consumer.entryTypes}`)
      if (entry === 'schemas') {
        expect(read).toContain(`${installed}/${consumer.schemasTypes}`)
        expect(read.some((file) => file.startsWith('node_modules/zod/'))).toBe(true)
      }
      if (consumer.packageType === 'commonjs') {
        expect(read.filter((file) => file.endsWith('.d.mts'))).toEqual([])
      }
    },
  )
})

it('npm publish --dry-run accepts the tarball, talking to no registry', async () => {
  // Prepare: a registry on loopback where nothing listens, so a request could not go anywhere else.
  const registry = await closedOrigin()
  // Act
  const result = await npm(['publish', tarball, '--dry-run', `--registry=${registry}/`], workDir)
  // Assess
  expect(result.code).toBe(0)
  expect(result.stderr).toContain(`Publishing to ${registry}/ with tag latest`)
  expect(result.stderr).not.toContain('[loopback-only]')
  expect(result.stderr).not.toMatch(/auto-corrected|invalid/i)
})
