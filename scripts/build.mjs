// Builds the deployable cloud function (one self-contained index.js, no node_modules needed in the cloud)
// and the library (dist/: JS + type declarations).
import { build } from 'esbuild'
import { execFileSync } from 'node:child_process'
import { statSync } from 'node:fs'

const functionOut = 'cloudfunctions/ocrPrintedText/index.js'

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
