import type { MediaItem, Poll } from '../model';
import { x } from '../platforms/x';
import type { PartDetail } from '../render';

/**
 * The body of X's `POST /2/tweets` for one part. `M` is what stands for an image (its media id
 * once uploaded, the calendar file in a dry run), `R` for the post replied to (its id, or
 * `{ part: n }` in a dry run).
 */
export interface XTweetBody<M, R> {
  readonly text: string;
  readonly media?: { readonly media_ids: readonly M[] };
  readonly reply?: { readonly in_reply_to_tweet_id: R };
  readonly poll?: { readonly options: readonly string[]; readonly duration_minutes: number };
}

/**
 * The body of `POST /2/tweets` for a part, from the text the check measured: the images go on
 * the first part only (at most `x.media.max`), every later part replies to the one before; a
 * poll (first part only) as `poll.options` and `duration_minutes`.
 * The dry run and the sender both build their bodies here.
 *
 * @example xTweetBody(part, { mediaIds: ['1866…'], replyTo: undefined })
 * // { text: 'Nova 2 est là', media: { media_ids: ['1866…'] } }
 */
export function xTweetBody<M, R>(part: PartDetail, attach: { readonly mediaIds?: readonly M[]; readonly replyTo?: R | undefined; readonly poll?: Poll | undefined }): XTweetBody<M, R> {
  const mediaIds = xMedia(attach.mediaIds ?? []);
  return {
    text: part.text,
    ...(mediaIds.length > 0 ? { media: { media_ids: mediaIds } } : {}),
    ...(attach.replyTo !== undefined ? { reply: { in_reply_to_tweet_id: attach.replyTo } } : {}),
    ...(attach.poll ? { poll: { options: attach.poll.options, duration_minutes: Math.round(attach.poll.duration / 60_000) } } : {}),
  };
}

/** The media a tweet takes, in order: the first `x.media.max` (4). */
export function xMedia<T>(media: readonly T[]): T[] {
  return media.slice(0, x.media.max);
}

/** A dry run's stand-in for an image not uploaded yet: the file as written and its alt text. */
export function pendingXMedia(media: readonly MediaItem[]): Array<{ file: string; alt: string }> {
  return xMedia(media).map((m) => ({ file: m.file, alt: m.alt ?? '' }));
}
