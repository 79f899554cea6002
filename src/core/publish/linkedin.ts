import type { MediaItem, Poll } from '../model';
import { linkedin } from '../platforms/linkedin';
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

/** An image of a LinkedIn post: its `urn:li:image:…` once uploaded (the calendar file in a dry run). */
export interface LinkedinImage<I> {
  readonly id: I;
  readonly altText?: string;
}

/**
 * The body of `POST /rest/posts` for a post's LinkedIn text (LinkedIn has no threads: one part).
 * Images go in `content`: one as `media`, two or more as `multiImage` (the Posts API's two
 * shapes), each with its alt text when there is one. The dry run and the sender both build
 * their bodies here.
 *
 * @example linkedinPostBody(part, 'urn:li:organization:42', [{ id: 'urn:li:image:C4E…', altText: 'Un chat' }])
 * // { author: 'urn:li:organization:42', commentary: '…', …, content: { media: { id: 'urn:li:image:C4E…', altText: 'Un chat' } } }
 */
export function linkedinPostBody<I = never>(part: PartDetail, author: string, images: readonly LinkedinImage<I>[] = [], poll?: Poll): Record<string, unknown> {
  const shown = linkedinImages(images).map((i) => ({ id: i.id, ...(i.altText ? { altText: i.altText } : {}) }));
  // A post holds a poll or images, not both: the poll wins (the check says so).
  const content = poll
    ? { poll: { question: poll.question ?? '', options: poll.options.map((text) => ({ text })), settings: { duration: POLL_DURATIONS[Math.round(poll.duration / 86_400_000)] ?? 'THREE_DAYS' } } }
    : shown.length === 1
      ? { media: shown[0] }
      : shown.length > 1
        ? { multiImage: { images: shown } }
        : undefined;
  return {
    author,
    commentary: littleText(part.text, part.hashtagEntities),
    visibility: 'PUBLIC',
    distribution: { feedDistribution: 'MAIN_FEED', targetEntities: [], thirdPartyDistributionChannels: [] },
    lifecycleState: 'PUBLISHED',
    isReshareDisabledByAuthor: false,
    ...(content ? { content } : {}),
  };
}

/** The Posts API's poll durations, by days. */
const POLL_DURATIONS: Readonly<Record<number, string>> = { 1: 'ONE_DAY', 3: 'THREE_DAYS', 7: 'SEVEN_DAYS', 14: 'FOURTEEN_DAYS' };

/** The images a post takes, in order: the first `linkedin.media.max` (20). */
export function linkedinImages<T>(images: readonly T[]): T[] {
  return images.slice(0, linkedin.media.max);
}

/** A dry run's stand-in for images not uploaded yet: the files as written and their alt texts. */
export function pendingLinkedinImages(media: readonly MediaItem[]): Array<LinkedinImage<{ file: string }>> {
  return linkedinImages(media).map((m) => ({ id: { file: m.file }, altText: m.alt ?? '' }));
}
