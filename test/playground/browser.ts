// A real browser for the playground tests: Debian's chromium driven by playwright-core, kept off the network
// by its flags (FACTS.md), a fresh empty profile, and a request filter that lets only loopback through and
// records anything else the page tried to reach (a CDN, a font, an analytics beacon).
import { existsSync, promises as fs } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { chromium, type BrowserContext, type Page } from 'playwright-core'

export const CHROMIUM_PATH = '/usr/bin/chromium'

/** From FACTS.md: no background, update, sync or QUIC traffic; headless and without a GPU. */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

export interface PlaygroundBrowser {
  page: Page
  /** Console errors and uncaught exceptions on the page. */
  consoleErrors: string[]
  /** Requests the page made beyond loopback (aborted before they left). */
  offMachine: string[]
  close(): Promise<void>
}

function isLoopbackUrl(url: string): boolean {
  const { protocol, hostname } = new URL(url)
  return (
    (protocol === 'http:' || protocol === 'https:') &&
    /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/.test(hostname)
  )
}

export async function openPlaygroundBrowser(): Promise<PlaygroundBrowser> {
  // CI installs chromium (.ci/run); a missing browser is a broken setup, so fail loudly, never skip.
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `${CHROMIUM_PATH} is missing: the playground tests drive Debian's chromium. ` +
        'Install it with `apt-get update && apt-get install -y chromium` (.ci/run does).',
    )
  }
  // playwright refuses --user-data-dir in args; a persistent context on a fresh empty folder is the same.
  const userDataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'playground-chromium-'))
  let context: BrowserContext
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_FLAGS,
      viewport: { width: 1280, height: 1000 },
    })
  } catch (error) {
    await fs.rm(userDataDir, { recursive: true, force: true })
    throw error
  }
  const offMachine: string[] = []
  await context.route('**/*', async (route) => {
    const url = route.request().url()
    if (isLoopbackUrl(url)) return route.continue()
    offMachine.push(url)
    return route.abort('blockedbyclient')
  })
  const page = context.pages()[0] ?? (await context.newPage())
  const consoleErrors: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text())
  })
  page.on('pageerror', (error) => consoleErrors.push(`${error.name}: ${error.message}`))
  return {
    page,
    consoleErrors,
    offMachine,
    async close() {
      await context.close()
      await fs.rm(userDataDir, { recursive: true, force: true })
    },
  }
}

/**
 * Does `act` and waits until the page has shown the outcome of one more run. Generous: the first run loads
 * the OCR engine, and a busy CI machine can stretch that well past its usual second or two.
 */
export async function runAndWait(page: Page, act: () => Promise<void>): Promise<void> {
  const before = Number(await page.locator('#result').getAttribute('data-runs'))
  await act()
  await page.locator(`#result[data-runs="${before + 1}"]`).waitFor({ timeout: 80_000 })
}
