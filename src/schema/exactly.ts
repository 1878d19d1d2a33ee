// The package's public types are plain interfaces, so its declarations never name zod (zod is bundled
// into the library, not installed with it). Each schema that checks one of them at run time is declared
// through `parsesTo<T>()` or `accepts<T>()`, which compile only when the schema and the interface are the
// same type: a field added to one and not the other fails `npm run typecheck`.
import type * as z from 'zod'

/**
 * True when A and B are the same type: the same keys, each as optional, as readonly and with the same
 * value type. (Mutual assignability would not do: `{ a }` and `{ a, b? }` are assignable both ways.)
 */
export type Exactly<A, B> =
  (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false

/** No further argument when the types agree; otherwise the call asks for both, and the error shows them. */
type Agreeing<Interface, Schema> =
  Exactly<Interface, Schema> extends true ? [] : [schemaType: Schema, interfaceType: Interface]

/** The schema's parse result is exactly T (a reply, an event). */
export const parsesTo =
  <T>() =>
  <S extends z.ZodType>(schema: S, ..._mismatch: Agreeing<T, z.output<S>>): S =>
    schema

/** What the schema accepts is exactly T (options: a `.default()` leaves its field optional to a caller). */
export const accepts =
  <T>() =>
  <S extends z.ZodType>(schema: S, ..._mismatch: Agreeing<T, z.input<S>>): S =>
    schema
