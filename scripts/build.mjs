// Builds the deployable cloud function (one self-contained index.js, no node_modules needed in the cloud),
// the library (dist/: for the main entry and `/schemas`, CommonJS and ESM bundles and one declaration
// file each, and the command line dist/cli.cjs), its mini program half (miniprogram_dist/,
// scripts/build-miniprogram.mjs) and the sample's miniprogram_npm/; `--library` builds only what the
// tarball ships, as `npm pack` does through `prepack`; `--function` only the function.
import { build } from 'esbuild'
import { chmodSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { rollup } from 'rollup'
import { dts } from 'rollup-plugin-dts'
import { buildMiniprogram, MINIPROGRAM_DIST, packSampleNpm } from './build-miniprogram.mjs'

const functionOut = 'cloudfunctions/ocrPrintedText/index.js'
const CLI_OUT = 'dist/cli.cjs'

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

/**
 * The library's entries (package.json `exports`). The main one bundles everything it uses, zod included,
 * so installing the package brings nothing else; its declarations name no zod. `/schemas` exports zod
 * schemas, which only work with the consumer's own zod (an optional peer dependency), so there zod stays
 * an import.
 */
const LIBRARY_ENTRIES = [
  { name: 'index', external: [] },
  { name: 'schemas', external: ['zod'] },
]

/** dist/: per entry, one bundle per module system and one bundled declaration file. */
async function buildLibrary() {
  rmSync('dist', { recursive: true, force: true })
  for (const { name, external } of LIBRARY_ENTRIES) {
    for (const [format, extension] of [
      ['cjs', 'cjs'],
      ['esm', 'mjs'],
    ]) {
      await build({
        entryPoints: [`src/${name}.ts`],
        outfile: `dist/${name}.${extension}`,
        bundle: true,
        external,
        platform: 'node',
        target: 'node18',
        format,
        logLevel: 'warning',
      })
    }
    await bundleDeclarations(name, external)
  }
  await buildCli()
}

/**
 * The package's `bin` (package.json): one CommonJS file that plain Node 18 runs from the installed package,
 * zod inlined like the main entry's, next to the function's folder it copies (`init`).
 */
async function buildCli() {
  await build({
    entryPoints: ['src/cli/bin.ts'],
    outfile: CLI_OUT,
    bundle: true,
    platform: 'node',
    target: 'node18',
    format: 'cjs',
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
    banner: { js: '#!/usr/bin/env node' },
  })
  chmodSync(CLI_OUT, 0o755)
}

/**
 * One declaration file per entry, holding what the entry exports and what that refers to, nothing else:
 * the main entry's types cannot reach a module that declares a zod schema. Each is checked to import only
 * the entry's externals.
 */
async function bundleDeclarations(name, external) {
  const bundle = await rollup({
    input: `src/${name}.ts`,
    external,
    plugins: [dts({ tsconfig: 'tsconfig.build.json' })],
    onwarn: (warning) => {
      throw new Error(`declarations of ${name}: ${warning.message}`)
    },
  })
  await bundle.write({ file: `dist/${name}.d.ts`, format: 'es' })
  await bundle.close()
  const text = readFileSync(`dist/${name}.d.ts`, 'utf8')
  for (const [, from] of text.matchAll(/\bfrom ['"]([^'"]+)['"]/g)) {
    if (!external.includes(from)) throw new Error(`dist/${name}.d.ts imports ${from}`)
  }
  // The same declarations for `import`: a .d.mts is read as ESM, matching the .mjs bundle, and names the
  // CommonJS declarations with an extension, as ESM resolution requires.
  writeFileSync(`dist/${name}.d.mts`, `export * from './${name}.js'\n`)
}

if (process.argv.includes('--library')) {
  await buildLibrary()
  await buildMiniprogram()
  console.log(`built dist/ and ${MINIPROGRAM_DIST}/`)
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
  const kb = (bytes) => (bytes / 1024).toFixed(0)
  // `--function` builds the function alone: test/unit/deployable.test.ts rebuilds a commit's bundle.
  if (process.argv.includes('--function')) {
    console.log(`built ${functionOut} (${kb(statSync(functionOut).size)} KB)`)
  } else {
    await buildLibrary()
    const miniprogramBytes = await buildMiniprogram()
    await packSampleNpm()
    console.log(
      `built ${functionOut} (${kb(statSync(functionOut).size)} KB), dist/, ${MINIPROGRAM_DIST}/ (${kb(miniprogramBytes)} KB) and miniprogram/miniprogram_npm/`,
    )
  }
}
