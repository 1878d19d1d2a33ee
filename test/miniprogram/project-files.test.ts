// DevTools reads these files before any code runs; a page missing one of its four files, or a root that
// points nowhere, only shows up there. Checked here instead, together with what must agree between them.
import { describe, expect, it } from '@jest/globals'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { OCR_FUNCTION_NAME } from '../../miniprogram/config'

const REPO = path.join(__dirname, '../..')

function readJson(file: string): Record<string, unknown> {
  const value: unknown = JSON.parse(readFileSync(file, 'utf8'))
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`${file} is not a JSON object`)
  }
  return value as Record<string, unknown>
}

const project = readJson(path.join(REPO, 'project.config.json'))
const miniprogramRoot = path.join(REPO, String(project.miniprogramRoot))
const app = readJson(path.join(miniprogramRoot, 'app.json'))
const pages = Array.isArray(app.pages) ? (app.pages as unknown[]) : []

describe('project.config.json', () => {
  it('is a TypeScript mini program project with both roots and an appid placeholder', () => {
    expect(project).toMatchObject({
      compileType: 'miniprogram',
      miniprogramRoot: 'miniprogram/',
      cloudfunctionRoot: 'cloudfunctions/',
      setting: { useCompilerPlugins: ['typescript'] },
    })
    expect(project.appid).toMatch(/^(touristappid|wx[0-9a-f]{16})$/)
  })

  it('points at a cloud function root holding the function the mini program calls', () => {
    const functionDir = path.join(REPO, String(project.cloudfunctionRoot), OCR_FUNCTION_NAME)
    const config = readJson(path.join(functionDir, 'config.json'))
    expect(config).toMatchObject({
      permissions: { openapi: expect.arrayContaining(['ocr.printedText']) },
    })
  })

  it("builds npm from the sample's own package.json into miniprogram/, as a team's project does", () => {
    expect(project).toMatchObject({
      setting: {
        packNpmManually: true,
        packNpmRelationList: [
          {
            packageJsonPath: './miniprogram/package.json',
            miniprogramNpmDistDir: './miniprogram/',
          },
        ],
      },
    })
    const sample = readJson(path.join(REPO, 'miniprogram/package.json'))
    expect(sample.dependencies).toEqual({ 'wx-ocr-printed-text': 'file:..' })
  })

  it('leaves per-developer settings to project.private.config.json, which git ignores', () => {
    const ignored = readFileSync(path.join(REPO, '.gitignore'), 'utf8')
      .split('\n')
      .map((line) => line.trim())
    expect(ignored).toContain('project.private.config.json')
  })
})

/** As DevTools resolves usingComponents: from the root, beside the page, or in miniprogram_npm. */
function componentPath(page: string, target: string): string {
  if (target.startsWith('/')) return path.join(miniprogramRoot, target)
  if (target.startsWith('.')) return path.join(path.dirname(page), target)
  const npm = path.join(miniprogramRoot, 'miniprogram_npm', target)
  return existsSync(`${npm}.json`) ? npm : path.join(npm, 'index')
}

describe('app.json and the pages', () => {
  it('lists at least one page, each once, as a path without extension', () => {
    expect(pages.length).toBeGreaterThan(0)
    expect(new Set(pages).size).toBe(pages.length)
    for (const page of pages) expect(page).toMatch(/^[\w-]+(\/[\w-]+)*$/)
  })

  it('has the app entry files next to app.json', () => {
    expect(
      existsSync(path.join(miniprogramRoot, 'app.ts')) ||
        existsSync(path.join(miniprogramRoot, 'app.js')),
    ).toBe(true)
    expect(existsSync(path.join(miniprogramRoot, 'app.wxss'))).toBe(true)
  })

  it.each(pages.map(String))('%s exists with its four files and a valid page json', (page) => {
    const base = path.join(miniprogramRoot, page)

    expect(existsSync(`${base}.ts`) || existsSync(`${base}.js`)).toBe(true)
    expect(existsSync(`${base}.wxml`)).toBe(true)
    expect(existsSync(`${base}.wxss`)).toBe(true)
    const json = readJson(`${base}.json`)
    const using = json.usingComponents
    expect(typeof using === 'object' && using !== null && !Array.isArray(using)).toBe(true)
    for (const target of Object.values(using as Record<string, unknown>).map(String)) {
      expect(existsSync(`${componentPath(base, target)}.json`)).toBe(true)
    }
  })
})
