import type { FrontmatterChange } from '../frontmatter/change';
import type { PlatformId, PostMeta, PublishResult, SentPart } from '../model';

/** What happened to one network, to record under `results.<network>`. */
export type ResultEvent =
  /** About to call the network: a run that stops now leaves `sending` for the next one to see. */
  | { readonly kind: 'sending'; readonly at: string }
  /** One more part stored by the network. */
  | { readonly kind: 'part'; readonly part: SentPart; readonly first: boolean }
  | { readonly kind: 'published'; readonly at: string }
  | { readonly kind: 'failed'; readonly at: string; readonly error: string; readonly status?: number; readonly retryAfter?: string }
  | { readonly kind: 'missed'; readonly at: string };

/**
 * The frontmatter changes that record `event` for `network`, given what its entry holds now:
 * only the keys that change are written (comments and layout of the rest stay), and an earlier
 * failure's details go once the network succeeds.
 *
 * @example resultChanges('bluesky', undefined, { kind: 'published', at: '2026-12-01T08:30:04Z' })
 * // [{ kind: 'set', path: ['results', 'bluesky', 'state'], value: 'published' }, { kind: 'set', path: [..., 'at'], … }]
 */
export function resultChanges(network: PlatformId, current: PublishResult | undefined, event: ResultEvent): FrontmatterChange[] {
  const path = (key: string) => ['results', network, key];
  const set = (key: string, value: string | number): FrontmatterChange => ({ kind: 'set', path: path(key), value });
  const clearFailure = (['error', 'status', 'retryAfter'] as const).filter((k) => current?.[k] !== undefined).map((k): FrontmatterChange => ({ kind: 'remove', path: path(k) }));
  switch (event.kind) {
    case 'sending':
      // `at` right after `state`, where people look first; later events update it in place.
      return current?.state === 'sending' ? [] : [set('state', 'sending'), set('at', event.at)];
    case 'part': {
      const { id, url, cid } = event.part;
      const item = { id, ...(url !== undefined ? { url } : {}), ...(cid !== undefined ? { cid } : {}) };
      const root = event.first ? [set('id', id), ...(url !== undefined ? [set('url', url)] : [])] : [];
      return [...root, { kind: 'append', path: path('parts'), value: item }];
    }
    case 'published':
      return [set('state', 'published'), set('at', event.at), ...clearFailure];
    case 'failed':
      return [
        set('state', 'failed'),
        set('at', event.at),
        set('error', event.error),
        ...(event.status !== undefined ? [set('status', event.status)] : current?.status !== undefined ? [{ kind: 'remove', path: path('status') } as const] : []),
        ...(event.retryAfter !== undefined ? [set('retryAfter', event.retryAfter)] : current?.retryAfter !== undefined ? [{ kind: 'remove', path: path('retryAfter') } as const] : []),
      ];
    case 'missed':
      return [set('state', 'missed'), set('at', event.at)];
  }
}

/**
 * Where a post went out: each network whose `results` say it is published (or, written by hand,
 * give an id and no state), with the link when it is an https one.
 *
 * @example publishedLinks(meta) // [{ network: 'bluesky', url: 'https://bsky.app/profile/nova.bsky.social/post/3m5…' }]
 */
export function publishedLinks(meta: Pick<PostMeta, 'platforms' | 'results'>): Array<{ network: PlatformId; url?: string }> {
  const out: Array<{ network: PlatformId; url?: string }> = [];
  for (const [network, result] of Object.entries(meta.results) as Array<[PlatformId, PublishResult]>) {
    if (result.state !== 'published' && !(result.state === undefined && result.id !== undefined)) continue;
    out.push({ network, ...(result.url && /^https:\/\//.test(result.url) ? { url: result.url } : {}) });
  }
  return out;
}
