import { blueskyLikes, blueskyReplies, blueskyReposts, blueskySearch, type EntryWindow } from '../../core/contest/entrantsFrom';
import type { ContestEntry } from '../../core/model';
import { allPages, expect, getJson, query, ReadError, type NetworkEntrants, type ReadContext } from './read';

/** Each list's `limit` maximum (lexicons app.bsky.feed.getLikes, getRepostedBy, searchPosts). */
const PAGE = 100;

export interface BlueskyRead {
  /** `platforms.bluesky.appview` (default the public one). */
  readonly appview: string;
  /** The post's first record (`at://did/app.bsky.feed.post/key`), and all of its records. */
  readonly uri: string;
  readonly own: ReadonlySet<string>;
  readonly entry: ContestEntry;
  readonly hashtag?: string;
  readonly window: EntryWindow;
}

/**
 * Bluesky's entrants of one post, from the AppView (no account needed): `getLikes` or
 * `getRepostedBy` (cursor-paginated), the direct replies of `getPostThread`, or `searchPosts`
 * with the hashtag between the post's publication and the contest's end. The post's author (the
 * DID in its URI) never counts. The public AppView refuses searches without an account (a 403,
 * said as a plan refusal): another AppView can be named in `platforms.bluesky.appview`.
 */
export async function blueskyEntrants(ctx: ReadContext, read: BlueskyRead): Promise<NetworkEntrants> {
  const base = `${read.appview.replace(/\/+$/, '')}/xrpc`;
  const author = /^at:\/\/([^/]+)/.exec(read.uri)?.[1] ?? '';

  if (read.entry === 'like' || read.entry === 'repost') {
    const like = read.entry === 'like';
    const { entrants, outside } = await allPages(ctx, async (cursor) => {
      const { body } = await getJson(ctx, `${base}/app.bsky.feed.${like ? 'getLikes' : 'getRepostedBy'}?${query({ uri: read.uri, limit: String(PAGE), cursor })}`);
      return like ? expect(blueskyLikes(body, read.window, author), 'getLikes') : expect(blueskyReposts(body, author), 'getRepostedBy');
    });
    return { network: 'bluesky', entrants, outside, timed: like };
  }
  if (read.entry === 'reply') {
    let body;
    try {
      ({ body } = await getJson(ctx, `${base}/app.bsky.feed.getPostThread?${query({ uri: read.uri, depth: '1', parentHeight: '0' })}`));
    } catch (error) {
      // XRPC says a post it does not have with a 400 `NotFound` (the lexicon's error).
      if (error instanceof ReadError && (error.answer.body as { error?: unknown } | undefined)?.error === 'NotFound') throw new ReadError('not-found', error.detail, error.answer);
      throw error;
    }
    const page = expect(blueskyReplies(body, read.uri, read.window, author), 'getPostThread');
    ctx.onPage(page.entrants.length);
    return { network: 'bluesky', entrants: page.entrants, outside: page.outside, timed: true };
  }
  const tag = read.hashtag!;
  const since = read.window.from !== undefined ? new Date(read.window.from).toISOString() : undefined;
  // `until` excludes its instant; the window includes the end's.
  const until = new Date(read.window.ends + 1).toISOString();
  try {
    const { entrants, outside } = await allPages(ctx, async (cursor) => {
      const { body } = await getJson(ctx, `${base}/app.bsky.feed.searchPosts?${query({ q: `#${tag}`, tag, since, until, sort: 'latest', limit: String(PAGE), cursor })}`);
      return expect(blueskySearch(body, read.window, author, read.own), 'searchPosts');
    });
    return { network: 'bluesky', entrants, outside, timed: true };
  } catch (error) {
    if (error instanceof ReadError && error.answer.status === 403) throw new ReadError('plan', error.detail, error.answer);
    throw error;
  }
}
