// The playground page's routes: `/` and its assets, the sample events and fault codes it offers, and
// `POST /__playground/run`, which sends an image, a URL or a raw event through the unchanged function.
// Everything else the page does (quota, faults) goes through the emulator's existing /__admin routes.
import { promises as fs } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import path from 'node:path'

import { z } from 'zod'

import type { InvokeTarget } from '../function-runner'
import { parseJson, readBody, sendBytes, sendJson } from '../server/http-io'
import { WECHAT_ERRORS } from '../ocr-service/wechat-errors'
import { planRun, runFunction, RunRequestSchema } from './run'
import { localizeSample, SAMPLE_IMAGE_FILE, SAMPLE_IMAGE_URL_PATH } from '../storage/samples'
import { LOCAL_OPENID, type Upload } from '../storage/user-upload'
import type { RunQueue } from './run-queue'

export const PLAYGROUND_PREFIX = '/__playground/'
const PUBLIC_DIR = path.join(__dirname, 'public')
const SAMPLE_EVENTS_DIR = path.join(__dirname, '..', '..', 'test', 'events')
/** Base64 of an image somewhat over the platform's 2 MB, so an oversized photo gets the platform's answer. */
const RUN_BODY_LIMIT = 8 * 1024 * 1024

/** The page's ES modules: index.html loads playground.js, which imports the others. */
const SCRIPTS = ['playground.js', 'dom.js', 'result-view.js', 'emulator-panel.js', 'preview-url.js']

/** A fixed table, not a folder lookup: nothing but these files can ever be served from disk. */
const ASSETS: ReadonlyMap<string, { file: string; type: string }> = new Map([
  ['/', { file: 'index.html', type: 'text/html; charset=utf-8' }],
  [
    `${PLAYGROUND_PREFIX}playground.css`,
    { file: 'playground.css', type: 'text/css; charset=utf-8' },
  ],
  [
    SAMPLE_IMAGE_URL_PATH,
    { file: path.relative(PUBLIC_DIR, SAMPLE_IMAGE_FILE), type: 'image/png' },
  ],
  ...SCRIPTS.map(
    (file) =>
      [`${PLAYGROUND_PREFIX}${file}`, { file, type: 'text/javascript; charset=utf-8' }] as const,
  ),
])

/** Codes the platform is known to answer for this API (FACTS.md), offered as fault suggestions. */
const EXTRA_FAULT_CODES = [
  { errcode: 48001, errmsg: 'api unauthorized' },
  { errcode: 101001, errmsg: 'no text detected' },
  { errcode: 101003, errmsg: 'not enough market quota' },
]

// Images pasted as URLs are shown by the browser itself; scripts, styles and fetches stay on this server.
const CONTENT_SECURITY_POLICY =
  "default-src 'self'; img-src 'self' blob: data: http: https:; object-src 'none'; base-uri 'none'"

export interface PlaygroundDeps {
  cloud: () => InvokeTarget & { bucket: string }
  storage: Upload
  /** One per server: how many runs may go at once, and how many wait. */
  runs: RunQueue
}

export function isPlaygroundPath(pathname: string): boolean {
  return pathname === '/' || pathname.startsWith(PLAYGROUND_PREFIX)
}

async function serveAsset(res: ServerResponse, asset: { file: string; type: string }) {
  const body = await fs.readFile(path.join(PUBLIC_DIR, asset.file))
  // no-store: a page edited while `npm start` runs shows the edit on reload.
  res.setHeader('cache-control', 'no-store')
  res.setHeader('content-security-policy', CONTENT_SECURITY_POLICY)
  res.setHeader('x-content-type-options', 'nosniff')
  sendBytes(res, 200, body, asset.type)
}

async function sampleEvents(
  cloud: InvokeTarget & { bucket: string },
): Promise<{ name: string; event: unknown }[]> {
  let names: string[]
  try {
    names = (await fs.readdir(SAMPLE_EVENTS_DIR)).filter((name) => name.endsWith('.json')).sort()
  } catch {
    // Outside a checkout (no test/ folder) the editor simply starts empty.
    return []
  }
  return Promise.all(
    names.map(async (name) => ({
      name: name.slice(0, -'.json'.length),
      event: JSON.parse(
        localizeSample(await fs.readFile(path.join(SAMPLE_EVENTS_DIR, name), 'utf8'), cloud),
      ) as unknown,
    })),
  )
}

function faultCodes(): { errcode: number; errmsg: string }[] {
  const byCode = new Map<number, string>()
  for (const { errcode, errmsg } of [...Object.values(WECHAT_ERRORS), ...EXTRA_FAULT_CODES]) {
    if (!byCode.has(errcode)) byCode.set(errcode, errmsg)
  }
  return [...byCode]
    .map(([errcode, errmsg]) => ({ errcode, errmsg }))
    .sort((a, b) => a.errcode - b.errcode)
}

async function handleRun(req: IncomingMessage, res: ServerResponse, deps: PlaygroundDeps) {
  const parsed = RunRequestSchema.safeParse(parseJson(await readBody(req, RUN_BODY_LIMIT)))
  if (!parsed.success) {
    const expected = 'expected { image: base64, name? } | { imgUrl } | { event, openid? }'
    return sendJson(res, 400, { error: `${expected}: ${z.prettifyError(parsed.error)}` })
  }
  const request = parsed.data
  const run = deps.runs.offer(async () =>
    runFunction(await planRun(request, deps.storage), deps.cloud()),
  )
  if (run === undefined) {
    const { concurrency, queueLength } = deps.runs
    return sendJson(res, 429, {
      error: `busy: ${concurrency} runs in progress and ${queueLength} waiting; try again when one finishes`,
    })
  }
  const outcome = await run
  if (outcome.ok) {
    const { event, reply, durationMs, logs } = outcome
    return sendJson(res, 200, { event, reply, durationMs, logs })
  }
  // The function itself failed (threw, crashed, timed out): the platform's own answer would be an error too.
  const { event, failure, durationMs, logs } = outcome
  return sendJson(res, 502, { event, failure, durationMs, logs })
}

export async function handlePlayground(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  deps: PlaygroundDeps,
): Promise<void> {
  const method = req.method ?? 'GET'
  const asset = ASSETS.get(url.pathname)
  if (asset !== undefined && (method === 'GET' || method === 'HEAD')) return serveAsset(res, asset)
  if (url.pathname === `${PLAYGROUND_PREFIX}setup` && method === 'GET') {
    return sendJson(res, 200, {
      samples: await sampleEvents(deps.cloud()),
      faultCodes: faultCodes(),
      uploadUser: LOCAL_OPENID,
    })
  }
  if (url.pathname === `${PLAYGROUND_PREFIX}run` && method === 'POST')
    return handleRun(req, res, deps)
  return sendJson(res, 404, { error: `no playground route ${method} ${url.pathname}` })
}
