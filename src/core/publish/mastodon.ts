import type { Poll, PostMeta } from '../model';
import type { PartDetail } from '../render';

/** Who sees a status (`POST /api/v1/statuses`' `visibility`). */
export type MastodonVisibility = 'public' | 'unlisted' | 'private' | 'direct';

/**
 * The JSON parameters of `POST /api/v1/statuses` for one part. `M` and `R` are what stands for a
 * media attachment and for the status replied to: their ids once known, a placeholder in a dry run.
 */
export interface MastodonStatus<M, R> {
  readonly status: string;
  readonly language?: string;
  readonly visibility: MastodonVisibility;
  readonly spoiler_text?: string;
  readonly media_ids?: readonly M[];
  readonly in_reply_to_id?: R;
  readonly poll?: { readonly options: readonly string[]; readonly expires_in: number };
}

/** What a part's status refers to: its media (first part only), the status it replies to. */
export interface MastodonRefs<M, R> {
  readonly media?: readonly M[];
  readonly inReplyTo?: R;
  /** The post's poll, on the first part. */
  readonly poll?: Poll | undefined;
}

/**
 * The status for one Mastodon part, from the text the check measured: the post's `lang` as
 * `language`, the calendar's visibility (`public` unless `platforms.mastodon.visibility` says), the
 * post's `contentWarning` as `spoiler_text`, the
 * media ids and the part replied to when given. The dry run and the sender both build it here.
 *
 * @example mastodonStatus(part, meta, { inReplyTo: '109348' })
 * // { status: 'Deux', language: 'fr', visibility: 'public', in_reply_to_id: '109348' }
 */
export function mastodonStatus<M = never, R = never>(part: PartDetail, meta: PostMeta, refs: MastodonRefs<M, R> = {}, visibility: MastodonVisibility = 'public'): MastodonStatus<M, R> {
  return {
    status: part.text,
    ...(meta.lang ? { language: meta.lang } : {}),
    visibility,
    // The warning stays on every part: a reader opening the thread sees it on each.
    ...(meta.contentWarning ? { spoiler_text: meta.contentWarning } : {}),
    ...(refs.media && refs.media.length > 0 ? { media_ids: refs.media } : {}),
    ...(refs.inReplyTo !== undefined ? { in_reply_to_id: refs.inReplyTo } : {}),
    // `poll[expires_in]` is in seconds.
    ...(refs.poll ? { poll: { options: refs.poll.options, expires_in: Math.round(refs.poll.duration / 1000) } } : {}),
  };
}
