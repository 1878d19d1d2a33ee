// The mini program through WeChat's own compiler (miniprogram-ci 2.1, the compiler inside DevTools),
// offline: a TypeScript or WXML error, or a file that needs something outside miniprogram/ and its
// miniprogram_npm (the package, built by `npm run build` as 构建 npm builds it), fails here rather than in
// DevTools. One compile for the file (about 15 s on 2 cores), shared by the tests below.
import { beforeAll, describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { unresolvedRequires } from './package-requires'
import { compileWithWeChat, type CompileRun } from './wechat-compiler'

const REPO = path.join(__dirname, '../../..')
const appJson = JSON.parse(readFileSync(path.join(REPO, 'miniprogram/app.json'), 'utf8')) as {
  pages: string[]
}

let run: CompileRun

beforeAll(async () => {
  run = await compileWithWeChat(REPO)
}, 180_000)

describe('the mini program compiled by WeChat', () => {
  it('holds the app and every page of app.json, with all four files each', () => {
    const expected = ['app.js', 'app.json', 'app.wxss'].concat(
      appJson.pages.flatMap((page) =>
        ['js', 'json', 'wxml', 'wxss'].map((ext) => `${page}.${ext}`),
      ),
    )

    expect(Object.keys(run.files)).toEqual(expect.arrayContaining(expected))
  })

  it('requires at run time only files inside its own package', () => {
    expect(unresolvedRequires(run.files)).toEqual([])
  })

  it('ships no TypeScript source, no node_modules, and no code from outside miniprogram/', () => {
    const names = Object.keys(run.files)

    expect(names.filter((name) => name.endsWith('.ts'))).toEqual([])
    expect(names.filter((name) => name.startsWith('..') || name.startsWith('src/'))).toEqual([])
    expect(names.filter((name) => name.includes('node_modules/'))).toEqual([])
  })

  it("holds the package's <ocr-photo> from miniprogram_npm, used by the page", () => {
    const component = 'miniprogram_npm/wx-ocr-printed-text/ocr-photo/index'
    const page = JSON.parse(String(run.files['pages/index/index.json'])) as {
      usingComponents?: Record<string, string>
    }

    expect(Object.keys(run.files)).toEqual(
      expect.arrayContaining(['js', 'json', 'wxml', 'wxss'].map((ext) => `${component}.${ext}`)),
    )
    expect(Object.keys(run.files)).toContain('miniprogram_npm/wx-ocr-printed-text/index.js')
    // The compiler resolved the page's "wx-ocr-printed-text/ocr-photo" to the built component.
    const used = page.usingComponents?.['ocr-photo'] ?? ''
    expect(path.posix.join('pages/index', used)).toBe(component)
  })

  it('made no connection beyond loopback, in this process or the compiler it forked', () => {
    // This jest process is checked by test/support/network-guard.ts after the file.
    expect(run.violations).toEqual([])
  })
})

describe('the require check itself', () => {
  it('flags a value import from the core, a package not built to miniprogram_npm and a missing file', () => {
    const files = {
      'pages/index/index.js':
        'var a=require("../../services/flow"),b=require("../../../src/errors/catalog"),c=require("zod");',
      'services/flow.js': 'var d=require("./gone");require("./here");require("built-pkg")',
      'services/here.js': '',
      'miniprogram_npm/built-pkg/index.js': '',
    }

    expect(unresolvedRequires(files)).toEqual([
      { file: 'pages/index/index.js', specifier: '../../../src/errors/catalog' },
      { file: 'pages/index/index.js', specifier: 'zod' },
      { file: 'services/flow.js', specifier: './gone' },
    ])
  })
})
