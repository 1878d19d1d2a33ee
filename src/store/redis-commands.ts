// The one thing the Redis store needs from a caller's connected client: send a command, get the reply.
// Both well-kept Node clients can, under different names, so the store takes either as it comes and
// the library depends on neither.

/** ioredis: `redis.call('HGETALL', key)`. */
export interface IoredisLike {
  call(command: string, ...args: string[]): Promise<unknown>
}

/** node-redis (`redis` 4 and later): `client.sendCommand(['HGETALL', key])`. */
export interface NodeRedisLike {
  sendCommand(args: string[]): Promise<unknown>
}

export type RedisClientLike = IoredisLike | NodeRedisLike

export type SendCommand = (args: readonly string[]) => Promise<unknown>

function hasMethod<K extends string>(value: unknown, key: K): value is Record<K, unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Record<string, unknown>)[key] === 'function'
  )
}

export function commandSender(client: RedisClientLike): SendCommand {
  // `call` first: ioredis also has a sendCommand, but one that takes its own Command object.
  if (hasMethod(client, 'call')) {
    const io = client as IoredisLike
    return ([command, ...args]) => io.call(command ?? '', ...args)
  }
  if (hasMethod(client, 'sendCommand')) {
    const node = client as NodeRedisLike
    return (args) => node.sendCommand([...args])
  }
  throw new TypeError('store: expected a connected ioredis or node-redis client')
}
