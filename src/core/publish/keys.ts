/**
 * Keys that stay the same from one run to the next, so that sending again after a crash
 * rewrites the same thing instead of posting it twice.
 */

/** The base-32 "sortable" alphabet atproto writes TIDs in. */
const S32 = '234567abcdefghijklmnopqrstuvwxyz';

/**
 * An atproto TID: 53 bits of microseconds since the epoch, then a 10-bit clock id, in sortable
 * base 32 (13 characters). Bluesky post records must have one as their key.
 *
 * @example tid(1_764_581_400_000_000, 7) // '3m6w4jsghk22b' (as TID.fromTime writes it)
 */
export function tid(micros: number, clockid: number): string {
  return s32(micros).padStart(11, '2') + s32(clockid % 1024).padStart(2, '2');
}

function s32(n: number): string {
  let out = '';
  for (let i = n; i > 0; i = Math.floor(i / 32)) out = S32[i % 32] + out;
  return out;
}

/**
 * A short stable hash of some strings (FNV-1a, 64 bits as hex): not a secret, only a name that
 * the same post and network always get, and other posts almost never.
 *
 * @example stableKey('posts/2026/12/01-launch.md', 'bluesky', '2026-12-01T09:30') // 'c3b6…' (16 hex digits)
 */
export function stableKey(...parts: readonly string[]): string {
  let h = 0xcbf29ce484222325n;
  const prime = 0x100000001b3n;
  for (const byte of new TextEncoder().encode(parts.join('\u0000'))) {
    h ^= BigInt(byte);
    h = (h * prime) & 0xffffffffffffffffn;
  }
  return h.toString(16).padStart(16, '0');
}

/** Parts of one thread a record key leaves room for (more parts than this share keys' time). */
const PARTS_PER_POST = 25;

/**
 * The record key of part `index` of a post on Bluesky: the post's time in microseconds, moved by
 * bits of its stable key so that two posts of the same minute differ, plus the part's index;
 * the clock id from the key too. The same post, network and part always get the same key.
 */
export function recordKey(key: string, date: number, index: number): string {
  const bits = Number.parseInt(key.slice(0, 8), 16);
  const spread = (bits % 40) * PARTS_PER_POST; // under 1,000 µs: stays within the post's millisecond
  return tid(date * 1000 + spread + (index % PARTS_PER_POST), (bits >>> 10) % 1024);
}
