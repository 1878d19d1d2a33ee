// The platform's values arrive untyped, and each key in two spellings: camelCase through wx-server-sdk,
// snake_case over the HTTPS API. Every reader of them (the reply normalizer, the incoming-error reader)
// looks keys up here.

export type Bag = Record<string, unknown>

export function isBag(value: unknown): value is Bag {
  return typeof value === 'object' && value !== null
}

/** The camelCase key when it is set, else the snake_case one. */
export function pick(bag: Bag, camel: string, snake: string): unknown {
  return bag[camel] !== undefined ? bag[camel] : bag[snake]
}
