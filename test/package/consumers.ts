// The small programs a server team would write against the installed package, written into the fresh
// project by the package test. Kept as text: in this repository the package name would resolve to the
// repository itself, not to what npm installed.
import { promises as fs } from 'node:fs'
import path from 'node:path'

export const PACKAGE_NAME = 'wx-ocr-printed-text'
export const SCHEMAS_ENTRY = `${PACKAGE_NAME}/schemas`

/** Reads one image through the client; the local cloud's origin and credentials come from the env. */
const clientOptions = `{
  appId: process.env.WX_APPID,
  appSecret: process.env.WX_APPSECRET,
  baseUrl: process.env.OCR_BASE_URL,
}`

export const RECOGNIZE_CJS = `const { readFileSync } = require('node:fs')
const { createPrintedTextClient } = require('${PACKAGE_NAME}')

const ocr = createPrintedTextClient(${clientOptions})
ocr.recognize({ img: readFileSync(process.argv[2]) }).then((reply) => console.log(JSON.stringify(reply)))
`

export const RECOGNIZE_ESM = `import { readFileSync } from 'node:fs'
import { createPrintedTextClient } from '${PACKAGE_NAME}'

const ocr = createPrintedTextClient(${clientOptions})
console.log(JSON.stringify(await ocr.recognize({ img: readFileSync(process.argv[2]) })))
`

/** Checks the reply saved at argv[2] with the schema from `/schemas`: prints the parsed reply or the issues. */
export const CHECK_REPLY_CJS = `const { readFileSync } = require('node:fs')
const { OcrReplySchema } = require('${SCHEMAS_ENTRY}')

const checked = OcrReplySchema.safeParse(JSON.parse(readFileSync(process.argv[2], 'utf8')))
console.log(JSON.stringify(checked.success ? checked.data : checked.error.issues))
`

export const CHECK_REPLY_ESM = `import { readFileSync } from 'node:fs'
import { OcrReplySchema } from '${SCHEMAS_ENTRY}'

const checked = OcrReplySchema.safeParse(JSON.parse(readFileSync(process.argv[2], 'utf8')))
console.log(JSON.stringify(checked.success ? checked.data : checked.error.issues))
`

/**
 * Type-checked, never run. The last line must be an error: were the package's types missing or `any`,
 * the unused @ts-expect-error would fail the check.
 */
const MAIN_CONSUMER_TS = `import {
  createPrintedTextClient,
  ERROR_CATALOG,
  type ErrorCode,
  type OcrReply,
  type PrintedTextLogLine,
} from '${PACKAGE_NAME}'

const lines: PrintedTextLogLine[] = []
const ocr = createPrintedTextClient({
  appId: 'wx0123456789',
  appSecret: 'secret',
  logger: (line) => lines.push(line),
})

export async function firstLine(img: Buffer): Promise<string | ErrorCode> {
  const reply: OcrReply = await ocr.recognize({ img })
  if (reply.ok) return reply.items[0]?.text ?? ''
  return ERROR_CATALOG[reply.error.code].retryable ? 'later' : reply.error.code
}

// @ts-expect-error an AppID is a string
createPrintedTextClient({ appId: 1, appSecret: 'secret' })
`

/**
 * The same for `/schemas`, with the consumer's zod: a schema's parse result is the main entry's type and
 * back, and a field the reply does not have is an error.
 */
const SCHEMAS_CONSUMER_TS = `import type { OcrEvent, OcrReply } from '${PACKAGE_NAME}'
import { OcrEventSchema, OcrReplySchema } from '${SCHEMAS_ENTRY}'
import type * as z from 'zod'

export function check(value: unknown): OcrReply {
  const reply: OcrReply = OcrReplySchema.parse(value)
  const inferred: z.infer<typeof OcrReplySchema> = reply
  return inferred
}

export const event: OcrEvent = OcrEventSchema.parse({ imgUrl: 'https://example.com/a.png' })

// @ts-expect-error a reply has no such field
OcrReplySchema.parse({}).confidence
`

export interface Consumer {
  /** Folder in the project, with its own package.json and tsconfig.json. */
  name: string
  packageType: 'commonjs' | 'module'
  module: string
  moduleResolution: string
  /** The declaration files this resolution must read for the package's main entry and for `/schemas`. */
  entryTypes: string
  schemasTypes: string
  /**
   * Checks the main entry's declarations in full (skipLibCheck off), so an import of zod, absent from that
   * project, or any other broken reference in them fails. It costs a check of all of @types/node (about
   * 15 s here), so one consumer does it: node16-esm, which reads both index.d.mts and index.d.ts.
   */
  checksDeclarations: boolean
}

export const CONSUMERS: readonly Consumer[] = [
  {
    name: 'node16-cjs',
    packageType: 'commonjs',
    module: 'node16',
    moduleResolution: 'node16',
    entryTypes: 'dist/index.d.ts',
    schemasTypes: 'dist/schemas.d.ts',
    checksDeclarations: false,
  },
  {
    name: 'node16-esm',
    packageType: 'module',
    module: 'node16',
    moduleResolution: 'node16',
    entryTypes: 'dist/index.d.mts',
    schemasTypes: 'dist/schemas.d.mts',
    checksDeclarations: true,
  },
  {
    name: 'bundler',
    packageType: 'module',
    module: 'esnext',
    moduleResolution: 'bundler',
    entryTypes: 'dist/index.d.mts',
    schemasTypes: 'dist/schemas.d.mts',
    checksDeclarations: false,
  },
]

/** Which entry a consumer file uses. */
export type ConsumerEntry = 'main' | 'schemas'

/**
 * Writes one consumer into the project. Node's types come from this repository (a server project has
 * @types/node of its own), so the project's node_modules holds only what installing the package brought.
 */
export async function writeConsumer(
  appDir: string,
  consumer: Consumer,
  entry: ConsumerEntry,
): Promise<string> {
  const dir = path.join(appDir, `${consumer.name}-${entry}`)
  await fs.mkdir(dir, { recursive: true })
  const tsconfig = {
    compilerOptions: {
      module: consumer.module,
      moduleResolution: consumer.moduleResolution,
      target: 'ES2022',
      strict: true,
      noEmit: true,
      // Otherwise as most projects have it (checking zod's declarations would quadruple the time). Types
      // that failed to resolve would still show: the consumer's @ts-expect-error would go unused.
      skipLibCheck: !(consumer.checksDeclarations && entry === 'main'),
      types: ['node'],
      typeRoots: [path.join(__dirname, '..', '..', 'node_modules', '@types')],
    },
    files: ['consumer.ts'],
  }
  const source = entry === 'main' ? MAIN_CONSUMER_TS : SCHEMAS_CONSUMER_TS
  await fs.writeFile(path.join(dir, 'package.json'), JSON.stringify({ type: consumer.packageType }))
  await fs.writeFile(path.join(dir, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2))
  await fs.writeFile(path.join(dir, 'consumer.ts'), source)
  return dir
}
