// Run by wechat-compiler.ts as its own node process (`node --import tsx run-compiler.ts <project>`):
// miniprogram-ci loads three times faster outside jest's module registry, and its fork is easy to end.
// Prints the compiled package as one JSON line after RESULT_MARKER (the compiler logs to stdout too):
// text files as text, binary files as their byte length.
//
// Three things the compiler does by default that a test must not: it asks servicewechat.com for the
// project's attributes (given here instead: `attr`, an option CIProject reads but does not declare), it
// fetches the list of allowed file extensions with no option to skip (its proxy is pointed at a loopback
// socket that hangs up, so it falls back to its built-in list at once), and it forks a compiler process
// that it never ends (`getCompiledResult` keeps its Builder): the fork is recorded here and ended.
import childProcess, { type ChildProcess } from 'node:child_process'
import net, { type AddressInfo } from 'node:net'
import * as ci from 'miniprogram-ci'
import type { ICreateProjectOptions } from 'miniprogram-ci/dist/@types/project/ciProject'

export interface CompiledPackage {
  /** File name in the package -> its text, or its byte length for binary files. */
  files: Record<string, string | number>
  /** Connections the compiler opened to the refusing proxy (its extension-list fetch). */
  proxyConnections: number
}

export const RESULT_MARKER = '@@compiled-package@@'

const children: ChildProcess[] = []
const fork = childProcess.fork
childProcess.fork = ((...args: Parameters<typeof fork>) => {
  const child = fork(...args)
  // The fork inherits NODE_OPTIONS (the loopback guard); its refusals must reach our stderr.
  child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(chunk))
  children.push(child)
  return child
}) as typeof fork

async function main(projectPath: string): Promise<void> {
  let proxyConnections = 0
  const proxy = net.createServer((socket) => {
    proxyConnections += 1
    socket.destroy()
  })
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve))
  try {
    ci.proxy(`http://127.0.0.1:${(proxy.address() as AddressInfo).port}`)
    const options: ICreateProjectOptions & { attr: () => Promise<unknown> } = {
      appid: 'touristappid',
      type: 'miniProgram',
      projectPath,
      ignores: ['node_modules/**/*'],
      // Only uploads sign with the key; a compile never reads it, but the constructor insists on one.
      privateKey: 'not-used-offline',
      attr: async () => ci.DefaultProjectAttr,
    }
    // As DevTools' upload compiles (resultType 'prod'), with the settings of project.config.json.
    const compiled = await ci.getCompiledResult({
      project: new ci.Project(options),
      version: '0.0.0',
      setting: { useProjectConfig: true },
    })
    const files = Object.fromEntries(
      Object.entries(compiled).map(([name, content]) => [
        name,
        typeof content === 'string' ? content : content.length,
      ]),
    )
    const result: CompiledPackage = { files, proxyConnections }
    process.stdout.write(`\n${RESULT_MARKER}${JSON.stringify(result)}\n`)
  } finally {
    for (const child of children) child.kill()
    proxy.close()
  }
}

main(process.argv[2] ?? process.cwd()).catch((error: unknown) => {
  process.stderr.write(
    `COMPILE FAILED: ${error instanceof Error ? error.message : String(error)}\n`,
  )
  process.exitCode = 1
})
