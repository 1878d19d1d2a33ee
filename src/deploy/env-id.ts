// The shape of a CloudBase environment id, checked before anything runs: the id goes on the CLI's command
// line and into what it prints, so a line break or a space in it must stop here, never be passed on.
// An id is the alias chosen at creation (lower-case letters, digits and single hyphens, at most 20
// characters: the CreateEnv API's rules) followed by a generated suffix: `prod-1a2b3c`,
// `cloudbase-7g0gd9j012a86ed6` (37 characters at most today). Letters of either case are taken, and up to
// 64 characters, to leave room for ids of older environments; the console shows the id to copy.
import { CliError } from '../cli/cli-error'

export const ENV_ID_MAX_LENGTH = 64

const ENV_ID_SHAPE = /^[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*$/

export function isEnvId(value: string): boolean {
  return value.length <= ENV_ID_MAX_LENGTH && ENV_ID_SHAPE.test(value)
}

/** The env id to deploy to, or a CliError that says what is wrong with it (quoted, so a space shows). */
export function checkEnvId(value: string | undefined): string {
  if (value === undefined || value === '') {
    throw new CliError(
      'ENV_ID_MISSING',
      'set ENV_ID to your cloud environment id, or pass --env <env id> ' +
        '(ENV_ID=<env> npm run deploy, npx wx-ocr-printed-text deploy --env <env>)',
    )
  }
  if (!isEnvId(value)) {
    throw new CliError(
      'ENV_ID_INVALID',
      `${JSON.stringify(value)} is not a cloud environment id: an id is letters, digits and single ` +
        `hyphens (no space, no line break, no hyphen at either end), at most ${ENV_ID_MAX_LENGTH} ` +
        'characters, e.g. prod-1a2b3c; copy it from the CloudBase console (环境 ID)',
    )
  }
  return value
}
