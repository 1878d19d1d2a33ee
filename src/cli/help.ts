// The command line's help texts, one per command.
import { REQUIRED_TIMEOUT_S } from '../deploy/settings'

export const PROGRAM = 'wx-ocr-printed-text'

export const MAIN_HELP = `Usage: npx ${PROGRAM} <command> [options]

Adds WeChat's printed-text OCR to a mini program project (run in the folder DevTools opens).

Commands:
  init              write the ocrPrintedText cloud function into the project's cloudfunctionRoot
  deploy --env <id> deploy it with your own CloudBase CLI (tcb)
  help [command]    show this help, or a command's

Options:
  -h, --help        show help
  -v, --version     show the package's version

Exit codes: 0 done, 1 refused or failed (nothing overwritten, nothing deployed), 2 could not start.`

export const INIT_HELP = `Usage: npx ${PROGRAM} init [--force]

Reads project.config.json (cloudfunctionRoot, default cloudfunctions/) and writes
<cloudfunctionRoot>/ocrPrintedText/{index.js, config.json, package.json}: one self-contained bundle,
no npm install in the cloud. Other functions are left alone. Run again, it changes nothing.
A file that differs from the shipped one is kept and init exits 1, naming it.

Options:
  --force           overwrite files that differ from the shipped ones
  -h, --help        show this help`

export const DEPLOY_HELP = `Usage: npx ${PROGRAM} deploy --env <env id>

Deploys ocrPrintedText with your own CloudBase CLI (npm i -D @cloudbase/cli; npx tcb login) and the
settings of cloudbaserc.json (runtime, a timeout of at least ${REQUIRED_TIMEOUT_S} s, memory, environment
variables), then reads what the CLI printed: exit 0 only when it says the function was deployed. The CLI
never reads config.json: upload the function once from WeChat DevTools for its openapi permission.

Options:
  --env <env id>    the cloud environment (default: $ENV_ID), e.g. prod-1a2b3c
  -h, --help        show this help`
