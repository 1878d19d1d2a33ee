// Builds the deployable cloud function (one self-contained index.js, no node_modules needed in the cloud)
// and the library (dist/: JS + type declarations).
import { build } from 'esbuild'
import { execFileSync } from 'node:child_process'
import { statSync } from 'node:fs'

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

await build({
  entryPoints: ['src/index.ts'],
  outfile: 'dist/index.js',
  bundle: true,
  platform: 'node',
  target: 'node16.13',
  format: 'cjs',
  logLevel: 'warning',
})
execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], {
  stdio: 'inherit',
})

const kb = (statSync(functionOut).size / 1024).toFixed(0)
console.log(`built ${functionOut} (${kb} KB) and dist/`)
