/*
 * Lua scripts that make Coordination's budgets atomic in Redis: each one reads and writes its keys in one step,
 * so concurrent callers on any instance can never both pass a check that only one of them should pass.
 * Times are milliseconds; answers are integers (Redis truncates Lua numbers).
 */

// Shared head of TAKE and BUDGET_WAIT: the longest wait among spent budgets (-1 when none is spent) and its index.
const FIND_SPENT = `
local wait, spent = -1, 0
for i, key in ipairs(KEYS) do
  if tonumber(redis.call('get', key) or '0') >= tonumber(ARGV[2 * i - 1]) then
    local ttl = redis.call('pttl', key)
    if ttl < 0 then ttl = tonumber(ARGV[2 * i]) end
    if ttl > wait then wait, spent = ttl, i - 1 end
  end
end`;

/** KEYS: budgets; ARGV: limit, window ms per key. Answers {1, used...} when taken, {0, ms to wait, spent index} when refused. */
export const TAKE = `${FIND_SPENT}
if wait >= 0 then return {0, wait, spent} end
local answer = {1}
for i, key in ipairs(KEYS) do
  local used = redis.call('incr', key)
  if redis.call('pttl', key) < 0 then redis.call('pexpire', key, ARGV[2 * i]) end
  answer[i + 1] = used
end
return answer`;

/** KEYS: budgets; ARGV: limit, window ms per key. Answers the ms until every budget has room (0 when all have). */
export const BUDGET_WAIT = `${FIND_SPENT}
return math.max(wait, 0)`;

/** KEYS: budgets. Gives one unit back to each key that still exists and holds any. */
export const GIVE_BACK = `
for _, key in ipairs(KEYS) do
  if tonumber(redis.call('get', key) or '0') > 0 then redis.call('decr', key) end
end
return 0`;

/**
 * KEYS: strikes, wait; ARGV: free, first wait ms, max wait ms, memory ms.
 * Answers {0, ms to wait} while waiting (nothing counted), else {1, strikes, wait ms started (0 when none)}.
 */
export const STRIKE = `
local waiting = redis.call('pttl', KEYS[2])
if waiting > 0 then return {0, waiting} end
local strikes = redis.call('incr', KEYS[1])
redis.call('pexpire', KEYS[1], ARGV[4])
local free = tonumber(ARGV[1])
local wait = 0
if strikes > free then
  wait = math.floor(math.min(tonumber(ARGV[2]) * 2 ^ (strikes - free - 1), tonumber(ARGV[3])))
  if wait > 0 then redis.call('set', KEYS[2], '1', 'PX', wait) end
end
return {1, strikes, wait}`;

/** Deletes the lock only if we still own it: a holder that overran its TTL must not free someone else's lock. */
export const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

/**
 * The seen mark, shared by SEEN and LOCK_SEEN: records `key` for `owner` ('' without a claim: held as '1', as SET NX
 * would) and answers 1; or answers 1 when the owner (the same command sent again after its answer was lost) or an
 * owner it may reclaim (ARGV[firstReclaim...]) already holds it, which then becomes the owner's, keeping its expiry;
 * else 0.
 */
const MARK_SEEN = `
local function markSeen(key, ttlSeconds, owner, firstReclaim)
  local holder = redis.call('get', key)
  if not holder then
    if owner == '' then owner = '1' end
    redis.call('set', key, owner, 'EX', ttlSeconds)
    return 1
  end
  if owner ~= '' then
    if holder == owner then return 1 end
    for i = firstReclaim, #ARGV do
      if holder == ARGV[i] then
        redis.call('set', key, owner, 'KEEPTTL')
        return 1
      end
    end
  end
  return 0
end
`;

/** KEYS: the seen key; ARGV: ttl seconds, owner, owners it may reclaim... The seen mark (MARK_SEEN) for that owner. */
export const SEEN = `${MARK_SEEN}
return markSeen(KEYS[1], ARGV[1], ARGV[2], 3)`;

/**
 * KEYS: the lock, the seen key; ARGV: lock token, lock ttl ms, seen ttl seconds, owner ('' without a claim), owners it
 * may reclaim... Takes the lock (or finds it already this token's: the same command sent again after its answer was
 * lost) and then marks the seen key (MARK_SEEN). Answers -1 while another token holds the lock (nothing marked), 1 when
 * the mark lets the work run (the lock held), 0 when the key was seen already (the lock let go again).
 */
export const LOCK_SEEN = `${MARK_SEEN}
local locker = redis.call('get', KEYS[1])
if locker ~= ARGV[1] then
  if locker then return -1 end
  redis.call('set', KEYS[1], ARGV[1], 'PX', ARGV[2])
end
local first = markSeen(KEYS[2], ARGV[3], ARGV[4], 5)
if first == 0 then redis.call('del', KEYS[1]) end
return first`;
