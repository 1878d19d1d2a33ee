// The published package, as a server team gets it: packed, installed from the tarball into a new project
// (offline, from npm's cache), then required, imported, type-checked under node16 (CommonJS and ESM) and
// bundler resolution, and used to recognize an image against the local cloud. Nothing of the engine comes
// along, and `npm publish --dry-run` accepts the tarball.
import { createHash } from 'node:crypto'
import { promises as fs } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

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
} from '../support/packed-library'
import { CONSUMERS, PACKAGE_NAME, RECOGNIZE_CJS, RECOGNIZE_ESM, writeConsumer } from './consumers'

const MB = 1024 * 1024
const TSC = path.join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc')

let workDir: string
let tarball: string
let appDir: string

beforeAll(async () => {
  workDir = await fs.mkdtemp(path.join(os.tmpdir(), 'package-test-'))
  tarball = await packLibrary(workDir)
  appDir = path.join(workDir, 'app')
  await installTarball(tarball, appDir)
}, 120_000)
afterAll(() => fs.rm(workDir, { recursive: true, force: true }))

describe('installing the tarball', () => {
  it('brings the package and zod, and nothing of the engine or the cloud SDK', async () => {
    // Act
    const installed = await installedPackages(appDir)
    // Assess
    expect(installed).toEqual([PACKAGE_NAME, 'zod'])
    for (const name of [...ENGINE_PACKAGES, 'wx-server-sdk']) {
      await expect(fs.stat(path.join(appDir, 'node_modules', name))).rejects.toThrow('ENOENT')
    }
  })

  it('ships only the bundles, their declarations, the license and the README', async () => {
    // Prepare
    const root = path.join(appDir, 'node_modules', PACKAGE_NAME)
    const files = (await fs.readdir(root, { recursive: true, withFileTypes: true }))
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)))
    // Assess
    const bundles = files.filter(
      (file) => !/^(dist\/.*\.d\.ts|LICENSE|README\.md|package\.json)$/.test(file),
    )
    expect(bundles.sort()).toEqual(['dist/index.cjs', 'dist/index.d.mts', 'dist/index.mjs'])
    expect(files).toContain('dist/index.d.ts')
  })

  it('takes under 7 MB installed, zod included; the package itself under 384 KB', async () => {
    // Act
    const own = await treeBytes(path.join(appDir, 'node_modules', PACKAGE_NAME))
    const total = await treeBytes(path.join(appDir, 'node_modules'))
    // Assess: zod 4.6 alone is 5.9 MB of files (3 MB of them its TypeScript sources), so the 5 MB
    // target is out of reach while zod is a dependency; see README. The package is two bundles (CommonJS
    // and ESM, about 100 KB each with image-size and crc-32 inlined) and its declarations.
    expect(own).toBeLessThan(384 * 1024)
    expect(total).toBeLessThan(7 * MB)
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
    await fs.writeFile(path.join(appDir, 'recognize.cjs'), RECOGNIZE_CJS)
    await fs.writeFile(path.join(appDir, 'recognize.mjs'), RECOGNIZE_ESM)
  })
  afterAll(() => t.stop())

  const env = () => ({
    OCR_BASE_URL: t.cloud.origin,
    WX_APPID: credentials.appId,
    WX_APPSECRET: credentials.appSecret,
  })

  it.each(['recognize.cjs', 'recognize.mjs'])(
    '%s loads the package and recognizes an image through the local cloud',
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

  it.each(CONSUMERS)(
    'type-checks a consumer on $name resolution against $entryTypes',
    async (consumer) => {
      // Prepare
      const dir = await writeConsumer(appDir, consumer)
      // Act
      const result = await run(process.execPath, [TSC, '-p', dir, '--listFiles'], dir)
      // Assess
      expect(result.stdout.split('\n').filter((line) => /error TS\d+/.test(line))).toEqual([])
      expect(result.code).toBe(0)
      const read = result.stdout.split('\n').map((file) => path.relative(appDir, file))
      expect(read).toContain(`node_modules/${PACKAGE_NAME}/${consumer.entryTypes}`)
      if (consumer.packageType === 'commonjs') {
        expect(read).not.toContain(`node_modules/${PACKAGE_NAME}/dist/index.d.mts`)
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
