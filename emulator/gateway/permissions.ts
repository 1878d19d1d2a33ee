// Cloud-call permissions, read the way production grants them: from the function folder's config.json
// (`{"permissions":{"openapi":["ocr.printedText"]}}`). Read on every call, not cached, so a test or a user
// who edits config.json sees the effect at once (production caches it for up to 10 minutes).
import { promises as fs } from 'node:fs'
import path from 'node:path'

import { z } from 'zod'

import type { Logger } from '../server/log'

const FunctionConfigSchema = z.looseObject({
  permissions: z.looseObject({ openapi: z.array(z.string()).optional() }).optional(),
})

export class PermissionBook {
  constructor(
    private readonly functionsRoot: string,
    private readonly log: Logger,
  ) {}

  /**
   * Whether a function may call an open API. A call that names no function (plain `/admin`) is allowed:
   * it comes from a client that set TCB_CONTEXT_CNFG itself rather than through the function runner.
   */
  async allows(functionName: string | undefined, apiName: string): Promise<boolean> {
    if (functionName === undefined) return true
    const file = path.join(this.functionsRoot, functionName, 'config.json')
    let text: string
    try {
      text = await fs.readFile(file, 'utf8')
    } catch {
      return false
    }
    let json: unknown
    try {
      json = JSON.parse(text)
    } catch {
      this.log('warn', 'config.json is not valid JSON: no permissions granted', { file })
      return false
    }
    const parsed = FunctionConfigSchema.safeParse(json)
    if (!parsed.success) {
      this.log('warn', 'config.json has an unexpected shape: no permissions granted', { file })
      return false
    }
    return parsed.data.permissions?.openapi?.includes(apiName) ?? false
  }
}
