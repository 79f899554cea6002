import type { PartDetail } from '../render';

/**
 * LinkedIn's "little text", the format of a post's `commentary`: `\ | { } @ [ ] ( ) < > # * _ ~`
 * are markup there, so each is escaped with a backslash, else LinkedIn cuts the post silently at
 * the first one it cannot read (the bug other tools ship). Hashtags become
 * `{hashtag|\#|tag}`, LinkedIn's own hashtag markup.
 *
 * @example littleText('Nova 2 (enfin) #Lancement', [{ start: 15, end: 25, tag: 'Lancement' }])
 * // 'Nova 2 \\(enfin\\) {hashtag|\\#|Lancement}'
 */
export function littleText(text: string, hashtags: ReadonlyArray<{ readonly start: number; readonly end: number; readonly tag: string }>): string {
  let out = '';
  let at = 0;
  for (const h of hashtags) {
    out += escape(text.slice(at, h.start)) + `{hashtag|\\#|${escape(h.tag)}}`;
    at = h.end;
  }
  return out + escape(text.slice(at));
}

const RESERVED = /[\\|{}@[\]()<>#*_~]/g;

function escape(text: string): string {
  return text.replace(RESERVED, (c) => `\\${c}`);
}

/** The body of `POST /rest/posts` for a post's LinkedIn text (LinkedIn has no threads: one part). */
export function linkedinPostBody(part: PartDetail, author: string): Record<string, unknown> {
  return {
    author,
    commentary: littleText(part.text, part.hashtagEntities),
    visibility: 'PUBLIC',
    distribution: { feedDistribution: 'MAIN_FEED', targetEntities: [], thirdPartyDistributionChannels: [] },
    lifecycleState: 'PUBLISHED',
    isReshareDisabledByAuthor: false,
  };
}
