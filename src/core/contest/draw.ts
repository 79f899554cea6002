import { hex, sha256 } from '../crypto/sha256';
import type { PlatformId } from '../model';

/** Someone who entered a contest on a network: their handle there, and who they are when known. */
export interface Entrant {
  readonly network: PlatformId;
  /** As the network names them: `@lea@mastodon.social`, `lea.bsky.social`, `lea_m`. */
  readonly handle: string;
  /**
   * Who they are across networks (an email, a customer id…), when the list says: the same
   * person entering on two networks counts once.
   */
  readonly person?: string;
}

/** What a draw gave, as recorded in the post: enough for anyone to run it again and check it. */
export interface DrawResult {
  readonly seed: string;
  /** Entrants once duplicates and the brand's own accounts are removed. */
  readonly entrants: number;
  /** SHA-256 of the sorted entrants' keys, one per line: the list the draw was made from. */
  readonly listHash: string;
  /** In the order drawn. */
  readonly winners: readonly Entrant[];
}

/**
 * The key an entrant counts under: their `person` when given, else the network and the handle,
 * lower-cased, without a leading `@`. Two entries with one key are one entrant.
 *
 * @example entrantKey({ network: 'mastodon', handle: '@Lea@Mastodon.social' }) // 'mastodon:lea@mastodon.social'
 */
export function entrantKey(e: Entrant): string {
  if (e.person !== undefined && e.person.trim() !== '') return `person:${e.person.trim().toLowerCase()}`;
  return `${e.network}:${e.handle.trim().replace(/^@/, '').toLowerCase()}`;
}

/**
 * Draws `winners` entrants with a published seed, so that anyone holding the same list and seed
 * gets the same winners on any machine: duplicates (one key) count once, the brand's own accounts
 * (`exclude`, handles on any network) never win, the list is sorted by key (UTF-16 code units),
 * and the i-th winner is taken from those left by SHA-256(`seed` · list hash · i) read as a
 * 64-bit number, a value in the last incomplete range drawn again, so every entrant left has
 * exactly the same chance.
 */
export function drawWinners(entries: readonly Entrant[], options: { readonly seed: string; readonly winners: number; readonly exclude?: readonly string[] }): DrawResult {
  const excluded = new Set((options.exclude ?? []).map((h) => h.trim().replace(/^@/, '').toLowerCase()));
  const byKey = new Map<string, Entrant>();
  for (const e of entries) {
    if (excluded.has(e.handle.trim().replace(/^@/, '').toLowerCase())) continue;
    const key = entrantKey(e);
    if (!byKey.has(key)) byKey.set(key, e);
  }
  const keys = [...byKey.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const listHash = `sha256-${hex(sha256(keys.join('\n')))}`;
  const left = [...keys];
  const winners: Entrant[] = [];
  for (let i = 0; i < options.winners && left.length > 0; i++) {
    const pick = uniform(`${options.seed}\n${listHash}\n${i}`, left.length);
    winners.push(byKey.get(left[pick]!)!);
    left.splice(pick, 1);
  }
  return { seed: options.seed, entrants: keys.length, listHash, winners };
}

const TWO_64 = 1n << 64n;

/** A number in [0, n) from the seed's hashes: the first 8 bytes, again with a counter while in the biased tail. */
function uniform(seed: string, n: number): number {
  const size = BigInt(n);
  const limit = TWO_64 - (TWO_64 % size);
  for (let round = 0; ; round++) {
    const bytes = sha256(round === 0 ? seed : `${seed}\n${round}`);
    let value = 0n;
    for (let b = 0; b < 8; b++) value = (value << 8n) | BigInt(bytes[b]!);
    if (value < limit) return Number(value % size);
  }
}
