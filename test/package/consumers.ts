// The small programs a server team would write against the installed package, written into the fresh
// project by the package test. Kept as text: in this repository the package name would resolve to the
// repository itself, not to what npm installed.
import { promises as fs } from 'node:fs'
import path from 'node:path'

export const PACKAGE_NAME = 'wx-ocr-printed-text'

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

/**
 * Type-checked, never run. The last line must be an error: were the package's types missing or `any`,
 * the unused @ts-expect-error would fail the check.
 */
const CONSUMER_TS = `import {
  createPrintedTextClient,
  ERROR_CATALOG,
  OcrReplySchema,
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
  const reply: OcrReply = OcrReplySchema.parse(await ocr.recognize({ img }))
  if (reply.ok) return reply.items[0]?.text ?? ''
  return ERROR_CATALOG[reply.error.code].retryable ? 'later' : reply.error.code
}

// @ts-expect-error an AppID is a string
createPrintedTextClient({ appId: 1, appSecret: 'secret' })
`

export interface Consumer {
  /** Folder in the project, with its own package.json and tsconfig.json. */
  name: string
  packageType: 'commonjs' | 'module'
  module: string
  moduleResolution: string
  /** The declaration file this resolution must read for the package's entry. */
  entryTypes: string
}

export const CONSUMERS: readonly Consumer[] = [
  {
    name: 'node16-cjs',
    packageType: 'commonjs',
    module: 'node16',
    moduleResolution: 'node16',
    entryTypes: 'dist/index.d.ts',
  },
  {
    name: 'node16-esm',
    packageType: 'module',
    module: 'node16',
    moduleResolution: 'node16',
    entryTypes: 'dist/index.d.mts',
  },
  {
    name: 'bundler',
    packageType: 'module',
    module: 'esnext',
    moduleResolution: 'bundler',
    entryTypes: 'dist/index.d.mts',
  },
]

/**
 * Writes one consumer into the project. Node's types come from this repository (a server project has
 * @types/node of its own), so the project's node_modules holds only what installing the package brought.
 */
export async function writeConsumer(appDir: string, consumer: Consumer): Promise<string> {
  const dir = path.join(appDir, consumer.name)
  await fs.mkdir(dir, { recursive: true })
  const tsconfig = {
    compilerOptions: {
      module: consumer.module,
      moduleResolution: consumer.moduleResolution,
      target: 'ES2022',
      strict: true,
      noEmit: true,
      // As most projects have it (checking zod's declarations too would quadruple the time). Types that
      // failed to resolve would still show: the consumer's @ts-expect-error would go unused.
      skipLibCheck: true,
      types: ['node'],
      typeRoots: [path.join(__dirname, '..', '..', 'node_modules', '@types')],
    },
    files: ['consumer.ts'],
  }
  await fs.writeFile(path.join(dir, 'package.json'), JSON.stringify({ type: consumer.packageType }))
  await fs.writeFile(path.join(dir, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2))
  await fs.writeFile(path.join(dir, 'consumer.ts'), CONSUMER_TS)
  return dir
}
