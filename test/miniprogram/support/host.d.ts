// The tests run under node with jsdom, the mini program under neither. Pulling in @types/node or lib.dom
// would make `process`, `Buffer` and `document` type-check in mini program code too (and @types/node
// clashes with miniprogram-api-typings), so the few host APIs the tests touch are declared here instead.

declare const __dirname: string

declare module 'node:fs' {
  export function readFileSync(path: string, encoding: 'utf8'): string
  export function existsSync(path: string): boolean
  export function readdirSync(path: string, options: { recursive: true }): string[]
}

declare module 'node:path' {
  export function join(...segments: string[]): string
  export function dirname(path: string): string
  export function relative(from: string, to: string): string
  export function resolve(...segments: string[]): string
}

/** What the tests read from a rendered node (j-component types its `dom` as HTMLElement). */
interface HTMLElement {
  getAttribute(name: string): string | null
  readonly textContent: string | null
  readonly classList: { contains(token: string): boolean }
}

/** Node's report of a rejection nobody handled (app.test.ts listens for it). */
declare const process: {
  on(event: 'unhandledRejection', listener: (reason: unknown) => void): void
  off(event: 'unhandledRejection', listener: (reason: unknown) => void): void
}

declare function setImmediate(callback: (value: unknown) => void): unknown
