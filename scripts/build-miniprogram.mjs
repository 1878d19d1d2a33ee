// The package's mini program half (package.json `miniprogram`): src/miniprogram/ compiled to
// miniprogram_dist/ the way TDesign and Vant Weapp ship theirs: CommonJS a mini program runs without
// DevTools' TypeScript plugin, index.js for `require('wx-ocr-printed-text')`, one folder per component
// (.js/.json/.wxml/.wxss), and .d.ts beside them. Then the sample installs it as a team would and
// miniprogram-ci's packNpmManually (DevTools' 构建 npm, offline) writes miniprogram/miniprogram_npm/.
import { build } from 'esbuild'
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import path from 'node:path'
import { rollup } from 'rollup'
import { dts } from 'rollup-plugin-dts'

export const MINIPROGRAM_DIST = 'miniprogram_dist'
const SOURCE = 'src/miniprogram'
const COMPONENTS = ['ocr-photo']
/** Async functions and object spread stay native: every base library the package supports runs them. */
const TARGET = 'es2017'
/** A component reaches the flow through the package's own index.js, so the flow ships once. */
const PACKAGE_INDEX = '../index'

const packageIndexStaysExternal = {
  name: 'package-index-external',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/index$/ }, () => ({ path: PACKAGE_INDEX, external: true }))
  },
}

async function bundle(entry, outfile, plugins = []) {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    // neutral: no Node built-in resolves, so one reachable by mistake fails the build.
    platform: 'neutral',
    mainFields: ['module', 'main'],
    target: TARGET,
    format: 'cjs',
    legalComments: 'none',
    logLevel: 'warning',
    banner: {
      js: '// wx-ocr-printed-text, built from src/miniprogram by scripts/build-miniprogram.mjs.',
    },
    plugins,
  })
}

async function declarations(input, file, external) {
  const result = await rollup({
    input,
    external,
    // The library's declaration settings: the mini program half's own tsconfig has noEmit and the mini
    // program globals, neither of which a declaration of this narrow API needs.
    plugins: [dts({ tsconfig: 'tsconfig.build.json' })],
    onwarn: (warning) => {
      throw new Error(`declarations of ${input}: ${warning.message}`)
    },
  })
  await result.write({ file, format: 'es' })
  await result.close()
}

/** Every require() in the built JavaScript, by file: the package test and this build both read it. */
export function requiresIn(dir) {
  const found = []
  for (const name of readdirSync(dir, { recursive: true })) {
    if (!String(name).endsWith('.js')) continue
    const text = readFileSync(path.join(dir, String(name)), 'utf8')
    for (const [, specifier] of text.matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)) {
      found.push({ file: String(name).split(path.sep).join('/'), specifier })
    }
  }
  return found
}

export function treeBytes(dir) {
  return readdirSync(dir, { recursive: true })
    .map((name) => statSync(path.join(dir, String(name))))
    .filter((stat) => stat.isFile())
    .reduce((total, stat) => total + stat.size, 0)
}

export async function buildMiniprogram() {
  rmSync(MINIPROGRAM_DIST, { recursive: true, force: true })
  await bundle(`${SOURCE}/index.ts`, `${MINIPROGRAM_DIST}/index.js`)
  await declarations(`${SOURCE}/index.ts`, `${MINIPROGRAM_DIST}/index.d.ts`, [])
  for (const component of COMPONENTS) {
    const from = `${SOURCE}/${component}`
    const to = `${MINIPROGRAM_DIST}/${component}`
    await bundle(`${from}/index.ts`, `${to}/index.js`, [packageIndexStaysExternal])
    for (const extension of ['json', 'wxml', 'wxss']) {
      cpSync(`${from}/index.${extension}`, `${to}/index.${extension}`)
    }
    await declarations(`${from}/types.ts`, `${to}/index.d.ts`, [PACKAGE_INDEX])
  }
  const outside = requiresIn(MINIPROGRAM_DIST).filter(
    ({ file, specifier }) => !(specifier === PACKAGE_INDEX && file.includes('/')),
  )
  if (outside.length > 0) {
    throw new Error(`${MINIPROGRAM_DIST} requires outside itself: ${JSON.stringify(outside)}`)
  }
  return treeBytes(MINIPROGRAM_DIST)
}

/**
 * The sample as a team's project: miniprogram/package.json depends on the package, npm would put it in
 * miniprogram/node_modules (here: what the tarball brings for a mini program, package.json and
 * miniprogram_dist/, copied rather than linked so no tool walks back into the repository), and 构建 npm
 * (packNpmManually, the relation project.config.json names) writes miniprogram/miniprogram_npm/.
 */
export async function packSampleNpm() {
  const installed = 'miniprogram/node_modules/wx-ocr-printed-text'
  rmSync('miniprogram/node_modules', { recursive: true, force: true })
  rmSync('miniprogram/miniprogram_npm', { recursive: true, force: true })
  mkdirSync(installed, { recursive: true })
  cpSync('package.json', `${installed}/package.json`)
  cpSync(MINIPROGRAM_DIST, `${installed}/${MINIPROGRAM_DIST}`, { recursive: true })
  const { default: ci } = await import('miniprogram-ci')
  const project = JSON.parse(readFileSync('project.config.json', 'utf8'))
  for (const relation of project.setting.packNpmRelationList) {
    const result = await ci.packNpmManually({
      packageJsonPath: relation.packageJsonPath,
      miniprogramNpmDistDir: relation.miniprogramNpmDistDir,
    })
    if (result.miniProgramPackNum !== 1 || result.warnList.length > 0) {
      throw new Error(`构建 npm of the sample: ${JSON.stringify(result)}`)
    }
  }
}

/**
 * Run as `prepare`: after `npm ci` it leaves the sample compiled, so DevTools opens a fresh clone ready.
 * npm also runs `prepare` before `npm pack`, where `prepack` builds miniprogram_dist/ and the sample is not
 * shipped: nothing to do then (and nothing to pull from under a test that reads the sample meanwhile).
 */
const packing = ['pack', 'publish'].includes(process.env.npm_command ?? '')

if (import.meta.url === `file://${process.argv[1]}` && !packing) {
  const bytes = await buildMiniprogram()
  await packSampleNpm()
  console.log(
    `built ${MINIPROGRAM_DIST}/ (${(bytes / 1024).toFixed(1)} KB) and miniprogram/miniprogram_npm/`,
  )
}
