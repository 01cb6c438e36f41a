import type { Shard } from '../types.js'

/**
 * The shard (1..count) an account belongs to: a stable hash of its id alone (32-bit FNV-1a, then MurmurHash3's
 * final mix so that every bit depends on every digit), modulo count.
 * Accounts that appear or disappear never move the others, so shards that list the organization at
 * different times still agree on where every account they both saw belongs. Slices are stable, not balanced.
 */
export function shardIndexOf(accountId: string, count: number): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < accountId.length; i += 1) {
    hash ^= accountId.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  hash ^= hash >>> 16
  hash = Math.imul(hash, 0x85ebca6b) >>> 0
  hash ^= hash >>> 13
  hash = Math.imul(hash, 0xc2b2ae35) >>> 0
  hash ^= hash >>> 16
  return ((hash >>> 0) % count) + 1
}

/** The accounts of a list that belong to this shard, in the list's order. */
export function shardSlice<T>(items: readonly T[], shard: Shard, idOf: (item: T) => string): T[] {
  return items.filter((item) => shardIndexOf(idOf(item), shard.count) === shard.index)
}
