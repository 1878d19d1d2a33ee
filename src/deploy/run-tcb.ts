// Runs `tcb` with its output shown as it comes and kept for the verdict: the CLI's exit code cannot be
// trusted (verdict.ts), so what it printed is what the deploy is judged on.
import { spawn } from 'node:child_process'

export interface TcbRun {
  output: string
  exitCode: number | null
}

export interface TcbStreams {
  stdout: NodeJS.WritableStream
  stderr: NodeJS.WritableStream
}

export async function runTcb(
  tcb: string,
  args: readonly string[],
  cwd: string,
  streams: TcbStreams,
): Promise<TcbRun> {
  let output = ''
  // A .cmd wrapper (npm's on Windows) only runs through the shell; the arguments were checked before.
  const shell = tcb.endsWith('.cmd')
  const exitCode = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(tcb, args, { cwd, shell, stdio: ['inherit', 'pipe', 'pipe'] })
    const relay = (stream: NodeJS.WritableStream) => (chunk: Buffer) => {
      output += chunk.toString('utf8')
      stream.write(chunk)
    }
    child.stdout.on('data', relay(streams.stdout))
    child.stderr.on('data', relay(streams.stderr))
    child.on('error', reject)
    child.on('close', resolve)
  }).catch((error: unknown) => {
    output = `✖ could not run ${tcb}: ${error instanceof Error ? error.message : String(error)}`
    return null
  })
  return { output, exitCode }
}
