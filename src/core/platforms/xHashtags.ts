import twitter from 'twitter-text';
import { twitterTextLinks } from './entities';
import type { Hashtag } from './types';
import { findInWords } from './twitterWords';

/**
 * Hashtags as X links them: `twitter.extractHashtagsWithIndices(text)`, but without its second
 * URL extraction (the slow part): those inside a URL are dropped against the URLs already found
 * for the text, the way twitter-text's `removeOverlappingEntities` does (a property test checks it).
 * Only the words holding `#` or `＃` are searched.
 */
export function xHashtags(text: string): Hashtag[] {
  const tags: Tag[] = [];
  tagsInWords(text, (t, at) => tags.push({ hashtag: t.hashtag, indices: [at + t.indices[0], at + t.indices[1]] }));
  const urls = tags.length > 0 ? twitterTextLinks(text) : [];
  const kept = urls.length > 0 ? withoutOverlaps(tags, urls) : tags;
  return kept.map((h) => ({ start: h.indices[0], end: h.indices[1], tag: h.hashtag }));
}

type Tag = { hashtag: string; indices: [number, number] };
// The option exists (twitter-text's own source), but its type declarations omit it.
const extract = twitter.extractHashtagsWithIndices as (text: string, options: { checkUrlOverlap: boolean }) => Tag[];
// Only the words holding a sign are searched (see `wordsHolding`).
const tagsInWords = findInWords(['#', '＃'], (word) => extract(word, { checkUrlOverlap: false }));

/** Sorted by start (tags before URLs on a tie, as the stable sort leaves them), each entity starting before the previous one ends dropped. */
function withoutOverlaps(tags: readonly Tag[], urls: ReturnType<typeof twitterTextLinks>): Tag[] {
  const entities: Array<{ start: number; end: number; tag?: Tag }> = [
    ...tags.map((tag) => ({ start: tag.indices[0], end: tag.indices[1], tag })),
    ...urls.map((u) => ({ start: u.start, end: u.end })),
  ].sort((a, b) => a.start - b.start);
  const kept: Tag[] = [];
  let prev = entities[0]!;
  if (prev.tag) kept.push(prev.tag);
  for (let i = 1; i < entities.length; i++) {
    if (prev.end > entities[i]!.start) continue;
    prev = entities[i]!;
    if (prev.tag) kept.push(prev.tag);
  }
  return kept;
}
