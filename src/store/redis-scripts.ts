// The conditional writes of the Redis store, each one Lua script so that Redis runs the check and the
// write as one step, as the cloud database does with `where(...).update()`. A document is a hash: one
// field per document field, each value JSON-encoded; `_doc` marks that the document exists even when it
// has no fields. Conditions mean what `conditions.ts` says: `eq` compares the JSON encodings (both made
// by JSON.stringify), the comparisons need two numbers, and a missing field satisfies none.

/** ARGV from `base`: n, then n triples of field, op, encoded value. Returns 0 from the script if one fails. */
const CHECK_CONDITIONS = `
local function conditions_hold(key, base)
  local n = tonumber(ARGV[base])
  for c = 0, n - 1 do
    local at = base + 1 + c * 3
    local have = redis.call('HGET', key, ARGV[at])
    local op, want = ARGV[at + 1], ARGV[at + 2]
    if op == 'eq' then
      if have ~= want then return false end
    else
      local a = have and tonumber(have)
      local b = tonumber(want)
      if not a or not b then return false end
      if op == 'lt' and not (a < b) then return false end
      if op == 'lte' and not (a <= b) then return false end
      if op == 'gt' and not (a > b) then return false end
    end
  end
  return true, base + 1 + n * 3
end
`

/**
 * When the document may be forgotten: its own future `expiresAt`, else `keepMs` after this write.
 * The same rule as `expiry.ts`, evaluated here because only Redis sees the merged document.
 */
const EXPIRE = `
local function expire(key, now, keep)
  local own = tonumber(redis.call('HGET', key, 'expiresAt') or '')
  if own and own > now then
    redis.call('PEXPIREAT', key, own)
  else
    redis.call('PEXPIREAT', key, now + keep)
  end
end
`

/** KEYS[1]; ARGV: now, keep, then field/value pairs. 1 when created, 0 when it existed. */
export const INSERT_SCRIPT = `${EXPIRE}
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], '_doc', '1', unpack(ARGV, 3))
expire(KEYS[1], tonumber(ARGV[1]), tonumber(ARGV[2]))
return 1
`

/** KEYS[1]; ARGV: now, keep, then field/value pairs. Replaces the whole document. */
export const SET_SCRIPT = `${EXPIRE}
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], '_doc', '1', unpack(ARGV, 3))
expire(KEYS[1], tonumber(ARGV[1]), tonumber(ARGV[2]))
return 1
`

/** KEYS[1]; ARGV: now, keep, conditions, then n set pairs, then n increments. 1 when applied. */
export const UPDATE_IF_SCRIPT = `${CHECK_CONDITIONS}${EXPIRE}
local key = KEYS[1]
if redis.call('EXISTS', key) == 0 then return 0 end
local ok, at = conditions_hold(key, 3)
if not ok then return 0 end
local sets = tonumber(ARGV[at])
for s = 0, sets - 1 do
  redis.call('HSET', key, ARGV[at + 1 + s * 2], ARGV[at + 2 + s * 2])
end
at = at + 1 + sets * 2
local incs = tonumber(ARGV[at])
for s = 0, incs - 1 do
  redis.call('HINCRBY', key, ARGV[at + 1 + s * 2], ARGV[at + 2 + s * 2])
end
expire(key, tonumber(ARGV[1]), tonumber(ARGV[2]))
return 1
`

/** KEYS[1]; ARGV: conditions. 1 when removed. */
export const REMOVE_IF_SCRIPT = `${CHECK_CONDITIONS}
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
if not conditions_hold(KEYS[1], 1) then return 0 end
redis.call('DEL', KEYS[1])
return 1
`
