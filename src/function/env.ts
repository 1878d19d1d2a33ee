// The function's environment variables (cloudbaserc.json `envVariables` or the console), read by one zod
// schema. Unset or blank is the default, silently; a value that is set but unusable is the default too,
// with a warning that names the variable, the value and the default, so a typo never goes unnoticed and
// never stops the function.
import * as z from 'zod'

import {
  BUDGET_UNCHECKED_CHOICES,
  DEFAULT_BUDGET_UNCHECKED,
  DEFAULT_CACHE_TTL_SECONDS,
  DEFAULT_COLLECTIONS,
  DEFAULT_DAILY_BUDGET,
  DEFAULT_USER_DAILY_LIMIT,
} from '../quota/config'
import { DEFAULT_RETRY_POLICY } from '../retry/policy'
import { DEFAULT_UPLOAD_PREFIX, isPrefixTemplate, OPENID_PLACEHOLDER } from '../parse/upload-prefix'
import { DEFAULT_TRUSTED_SOURCES } from '../source/file-access'

interface SettingMeta {
  /** What a usable value is, for the warning: "a whole number >= 0". */
  expected: string
  /** The default as the warning names it. */
  fallback: string
}

const blankIsUnset = (value: unknown): unknown =>
  typeof value === 'string' && value.trim() === '' ? undefined : value

function setting<T>(value: z.ZodType<T>, fallback: T, meta: SettingMeta) {
  return z
    .preprocess(blankIsUnset, value.optional())
    .transform((read) => read ?? fallback)
    .meta({ ...meta })
}

// A control character (a line break, a tab, any C0 or DEL) is never part of a usable value: it is looked
// for before the surrounding spaces are trimmed, so a pasted trailing line break is reported, not dropped.
const text = z
  .string()
  .regex(/^[^\p{Cc}]*$/u)
  .trim()

// Decimal digits only, read as written: Number() would take "0x10" as 16, "1e3" as 1000 and " 12" as 12.
const DECIMAL = /^[0-9]+$/

function wholeNumber(min: 0 | 1, fallback: number, shown = String(fallback)) {
  const expected = min === 0 ? 'a whole number >= 0' : 'a whole number > 0'
  const number = z
    .string()
    .regex(DECIMAL)
    .transform(Number)
    .pipe(z.number().int().min(min).max(Number.MAX_SAFE_INTEGER))
  return setting(number, fallback, { expected, fallback: shown })
}

const UploadPrefixSchema = text.refine(isPrefixTemplate)

/** SOURCE names as getWXContext() gives them (wx_client, scf...), comma-separated. */
const SourceListSchema = text
  .transform((list) => list.split(',').map((item) => item.trim()))
  .transform((items) => items.filter((item) => item !== ''))
  .pipe(z.array(z.string().regex(/^[\w-]+$/)).min(1))

const CollectionNameSchema = text.regex(/^[\w-]+$/)

export const FunctionEnvSchema = z.object({
  OCR_UPLOAD_PREFIX: setting(UploadPrefixSchema, DEFAULT_UPLOAD_PREFIX, {
    expected: `a relative folder ending in "/" that contains ${OPENID_PLACEHOLDER}`,
    fallback: DEFAULT_UPLOAD_PREFIX,
  }),
  OCR_TRUSTED_SOURCES: setting<readonly string[]>(SourceListSchema, DEFAULT_TRUSTED_SOURCES, {
    expected: 'a comma-separated list of SOURCE names',
    fallback: DEFAULT_TRUSTED_SOURCES.join(','),
  }),
  OCR_RETRY_BUDGET_MS: wholeNumber(1, DEFAULT_RETRY_POLICY.budgetMs),
  OCR_RETRY_MAX_ATTEMPTS: wholeNumber(1, DEFAULT_RETRY_POLICY.maxAttempts),
  // One attempt may use the whole budget by default: see handlerConfigOf.
  OCR_ATTEMPT_TIMEOUT_MS: wholeNumber(1, Infinity, 'the retry budget'),
  OCR_CACHE_TTL_SECONDS: wholeNumber(0, DEFAULT_CACHE_TTL_SECONDS),
  OCR_URL_CACHE_TTL_SECONDS: wholeNumber(0, 0, '0 (URLs not cached)'),
  OCR_USER_DAILY_LIMIT: wholeNumber(0, DEFAULT_USER_DAILY_LIMIT),
  OCR_DAILY_BUDGET: wholeNumber(0, DEFAULT_DAILY_BUDGET),
  // When the database cannot say whether the budget or the user's limit allows a call: quota/config.ts.
  OCR_BUDGET_UNCHECKED: setting(
    text.pipe(z.enum(BUDGET_UNCHECKED_CHOICES)),
    DEFAULT_BUDGET_UNCHECKED,
    {
      expected: BUDGET_UNCHECKED_CHOICES.map((choice) => `"${choice}"`).join(' or '),
      fallback: DEFAULT_BUDGET_UNCHECKED,
    },
  ),
  OCR_CACHE_COLLECTION: setting(CollectionNameSchema, DEFAULT_COLLECTIONS.cache, {
    expected: 'a collection name (letters, digits, _ and -)',
    fallback: DEFAULT_COLLECTIONS.cache,
  }),
  OCR_COUNTER_COLLECTION: setting(CollectionNameSchema, DEFAULT_COLLECTIONS.counters, {
    expected: 'a collection name (letters, digits, _ and -)',
    fallback: DEFAULT_COLLECTIONS.counters,
  }),
})
export type FunctionEnv = z.output<typeof FunctionEnvSchema>
type Variable = keyof FunctionEnv

export interface ReadEnv {
  settings: FunctionEnv
  /** One per variable that was set but unusable; the function says each once per container. */
  warnings: string[]
}

export function readFunctionEnv(env: NodeJS.ProcessEnv): ReadEnv {
  const read = FunctionEnvSchema.safeParse(env)
  if (read.success) return { settings: read.data, warnings: [] }
  const unusable = new Set(read.error.issues.map((issue) => issue.path[0] as Variable))
  const usable = Object.fromEntries(
    Object.entries(env).filter(([name]) => !unusable.has(name as Variable)),
  )
  const warnings = [...unusable].map((name) => {
    const meta = FunctionEnvSchema.shape[name].meta() as unknown as SettingMeta
    return `${name}="${env[name]}" is not ${meta.expected}; using ${meta.fallback}`
  })
  return { settings: FunctionEnvSchema.parse(usable), warnings }
}
