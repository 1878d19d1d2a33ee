// What the command line can fail with: a stable code, and the exit code it ends with. 2 means the command
// could not start (a usage error, a project that is not set up, input refused before anything ran); 1
// means it ran and refused or failed (a file the team changed, a deploy the CLI did not do). These are
// the tool's own failures, not OCR replies, so they stay out of src/errors/catalog.ts (whose codes a
// reply carries and the README's table lists).
export const CLI_FAILURES = {
  USAGE: { exitCode: 2 },
  PROJECT_CONFIG_MISSING: { exitCode: 2 },
  PROJECT_CONFIG_UNREADABLE: { exitCode: 2 },
  FUNCTION_ROOT_OUTSIDE_PROJECT: { exitCode: 2 },
  FUNCTION_FILES_CHANGED: { exitCode: 1 },
  ENV_ID_MISSING: { exitCode: 2 },
  ENV_ID_INVALID: { exitCode: 2 },
  CLOUDBASERC_MISSING: { exitCode: 2 },
  CLOUDBASERC_INVALID: { exitCode: 2 },
  FUNCTION_NOT_SCAFFOLDED: { exitCode: 2 },
  TCB_MISSING: { exitCode: 2 },
  DEPLOY_FAILED: { exitCode: 1 },
} as const satisfies Record<string, { exitCode: 1 | 2 }>

export type CliFailureCode = keyof typeof CLI_FAILURES

export class CliError extends Error {
  override readonly name = 'CliError'
  readonly exitCode: 1 | 2

  constructor(
    readonly code: CliFailureCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options)
    this.exitCode = CLI_FAILURES[code].exitCode
  }
}
