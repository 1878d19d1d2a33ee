// Checked by `npm run typecheck`, never run: the helpers that tie each public interface to its schema
// (src/schema/exactly.ts) must refuse every way the two can differ. Were one of these accepted, its
// expect-error directive would go unused and the typecheck would fail.
import * as z from 'zod'

import { accepts, parsesTo } from '../../src/schema/exactly'

interface Item {
  text: string
  count?: number
}

const itemShape = { text: z.string(), count: z.number().optional() }

export const agreeing = parsesTo<Item>()(z.object(itemShape))

// @ts-expect-error the schema has an optional field the interface lacks (assignable both ways)
export const extraOptional = parsesTo<Item>()(
  z.object({ ...itemShape, note: z.string().optional() }),
)

// @ts-expect-error the interface has an optional field the schema lacks
export const missingOptional = parsesTo<Item>()(z.object({ text: z.string() }))

// @ts-expect-error a field optional in the interface is required by the schema
export const required = parsesTo<Item>()(z.object({ text: z.string(), count: z.number() }))

// @ts-expect-error a field's type differs
export const otherType = parsesTo<Item>()(z.object({ ...itemShape, text: z.number() }))

// @ts-expect-error the interface's fields are readonly, the schema's are not
export const notReadonly = parsesTo<Readonly<Item>>()(z.object(itemShape))

// @ts-expect-error a nested field the interface lacks
export const nested = parsesTo<{ item: Item }>()(
  z.object({ item: z.object({ ...itemShape, x: z.string() }) }),
)

// A default leaves the field optional to a caller (accepts) and present in the result (parsesTo).
const withDefault = z.object({ text: z.string(), count: z.number().default(1) })
export const acceptedWithDefault = accepts<Item>()(withDefault)
// @ts-expect-error what the schema returns always has count
export const parsedWithDefault = parsesTo<Item>()(withDefault)
