// Builds the deployable cloud function (one self-contained index.js, no node_modules needed in the cloud)
// and the library (dist/: CommonJS and ESM bundles + type declarations; `--library` builds only that, as
// `npm pack` does through `prepack`).
import { build } from 'esbuild'
import { execFileSync } from 'node:child_process'
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'

const functionOut = 'cloudfunctions/ocrPrintedText/index.js'

/**
 * Packages that wx-server-sdk loads at start-up but that this function never uses: the AI and data-model
 * clients, the custom-login JWT signer and the COS upload's XML parser (read from @cloudbase/node-sdk
 * 3.17.2). Leaving them out cuts about a third of the cold start. Each is replaced by a stub that loads
 * fine and throws a clear error if anything ever calls into it; the end-to-end tests run this bundle
 * through every SDK path the function takes (openapi, downloadFile, deleteFile, database).
 */
const UNUSED_AT_RUNTIME = [
  '@cloudbase/ai',
  '@cloudbase/app',
  '@cloudbase/wx-cloud-client-sdk',
  'jsonwebtoken',
  'xml2js',
  'xmlbuilder',
]

const stubUnused = {
  name: 'stub-unused',
  setup(build) {
    const names = UNUSED_AT_RUNTIME.map((n) => n.replace(/[/.]/g, (c) => `\\${c}`)).join('|')
    build.onResolve({ filter: new RegExp(`^(${names})(/.*)?$`) }, (args) => ({
      path: args.path,
      namespace: 'stub-unused',
    }))
    build.onLoad({ filter: /.*/, namespace: 'stub-unused' }, (args) => ({
      loader: 'js',
      contents: `const fail = () => { throw new Error(${JSON.stringify(
        `${args.path} is left out of the ocrPrintedText bundle (scripts/build.mjs)`,
      )}) }
const stub = new Proxy(fail, {
  get: (_t, key) => (key === '__esModule' || key === 'then' || typeof key === 'symbol' ? undefined : stub),
  apply: fail,
  construct: fail,
})
module.exports = stub`,
    }))
  },
}

/** The library (dist/): one bundle per module system, zod left to the consumer's install, and the types. */
async function buildLibrary() {
  rmSync('dist', { recursive: true, force: true })
  for (const [format, outfile] of [
    ['cjs', 'dist/index.cjs'],
    ['esm', 'dist/index.mjs'],
  ]) {
    await build({
      entryPoints: ['src/index.ts'],
      outfile,
      bundle: true,
      // Only the package's own `dependencies` (zod) stay imports; everything else the library uses
      // (image-size, crc-32) is bundled. The test in test/package checks that a fresh install of the
      // packed tarball loads with nothing else.
      external: Object.keys(JSON.parse(readFileSync('package.json', 'utf8')).dependencies ?? {}),
      platform: 'node',
      target: 'node18',
      format,
      logLevel: 'warning',
    })
  }
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], {
    stdio: 'inherit',
  })
  // The same declarations for `import`: a .d.mts is read as ESM, matching dist/index.mjs, and names the
  // CommonJS declarations with an extension, as ESM resolution requires.
  writeFileSync('dist/index.d.mts', "export * from './index.js'\n")
}

if (process.argv.includes('--library')) {
  await buildLibrary()
  console.log('built dist/')
} else {
  await build({
    entryPoints: ['cloudfunctions/ocrPrintedText/src/index.ts'],
    outfile: functionOut,
    bundle: true,
    platform: 'node',
    // The oldest runtime the platform still offers.
    target: 'node16.13',
    format: 'cjs',
    minify: true,
    // Minifying renames classes; wx-server-sdk and its deps read some constructor names.
    keepNames: true,
    legalComments: 'none',
    logLevel: 'warning',
    banner: {
      js: '// Built by `npm run build` from cloudfunctions/ocrPrintedText/src and src/. Do not edit.',
    },
    plugins: [stubUnused],
  })
  await buildLibrary()
  const kb = (statSync(functionOut).size / 1024).toFixed(0)
  console.log(`built ${functionOut} (${kb} KB) and dist/`)
}
