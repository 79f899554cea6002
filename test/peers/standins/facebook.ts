/**
 * A stand-in for the Facebook Pages API (Graph API, graph.facebook.com): Page posts and photos,
 * written from Meta's documentation, for the Facebook sender's tests. Shared Graph API
 * conventions are in `graph.ts`. Its own behaviours, and where each comes from:
 *
 * DOCUMENTED
 * - `POST /{page-id}/feed` with `message` and `link` (and `published`, `scheduled_publish_time`,
 *   not used here) publishes a Page post with a Page access token, answering `{ id }`, the post's
 *   id `<page-id>_<post-id>` (https://developers.facebook.com/docs/pages-api/posts).
 * - `POST /{page-id}/photos` with `url` (fetched by Facebook) and `caption` publishes a photo and
 *   answers `{ id, post_id }`, the photo and the Page post showing it; with `published=false` the
 *   photo is uploaded unpublished, answered `{ id }`, and a multi-photo post is then
 *   `POST /{page-id}/feed` with `attached_media[i]={"media_fbid":"<photo id>"}`
 *   (https://developers.facebook.com/docs/graph-api/photo-uploads).
 * - `GET /{page-id}?fields=name` answers the Page's name (Page reference).
 * - A post identical to the one before is refused, code 506 "Duplicate Post"
 *   (https://developers.facebook.com/docs/graph-api/guides/error-handling).
 * - Pages calls made with a Page access token count against Business Use Case limits, reported
 *   in `x-business-use-case-usage`, type `pages`, throttled with code 80001 (Graph API Rate
 *   Limits page; see `graph.ts`).
 *
 * Reading counts (`edcal metrics fetch`; the shared errors are in `graph.ts`)
 * - DOCUMENTED: `GET /{post-id}?fields=reactions.summary(total_count),comments.summary(total_count),shares`:
 *   an edge asked in `fields` answers `{ data, paging, summary }`, `summary` holding the fields
 *   named in `summary(…)`, `total_count` among them (Page Post Reactions reference,
 *   https://developers.facebook.com/docs/graph-api/reference/page-post/reactions); `shares` is the
 *   post's `{ count }` (Page Post reference). `GET /{page-id}?fields=followers_count` gives the
 *   Page's followers (Page reference). Page post insights (`post_impressions…`) were deprecated on
 *   November 15, 2025 (https://developers.facebook.com/docs/pages-api/changelog/): not served.
 * - OBSERVED: a post nobody shared has no `shares` field at all (clients read it as 0:
 *   github.com/abjerner/Skybrud.Social/issues/34, github.com/restfb/restfb/pull/41).
 * - ASSUMED: `limit(0)` leaves `data` empty (it is always empty here: people are not modelled);
 *   `comments.summary` also says `order: 'ranked'` and `can_comment`; test hooks
 *   `engage(id, { reactions, comments, shares })` (0 otherwise), `deletePost(id)` (then a node that
 *   does not exist), `followers`.
 *
 * ASSUMED
 * - `alt_text_custom` sets a photo's alt text (recalled from the Page Photos reference, not in the
 *   excerpts read).
 * - Refusals, all 400: a post with no message, link or photo `(#100)`; a photo that cannot be
 *   fetched (its address in `unreachable`) code 324 "Missing or invalid image file"; an attached
 *   id that is not an unpublished photo of the Page, or one already attached, `(#100)`; the
 *   duplicate `(#506) Duplicate status message`; too long a message `(#100)`.
 * - A Page post holds 63,206 characters (the figure the platform rules use).
 * - A Page token cannot be told from a user token here: any request with the token acts as the Page.
 */
import type { Answer, RecordedRequest } from './server';
import { GraphStandin, graphError, invalidParameter, objectNotFound, type GraphParams, type GraphStandinOptions } from './graph';

export interface FacebookStandinOptions extends GraphStandinOptions {
  readonly page?: { readonly id: string; readonly name: string };
}

/** A photo, as stored. */
export interface FacebookPhotoRecord {
  readonly id: string;
  readonly url: string;
  readonly alt?: string;
  readonly published: boolean;
  /** The post it shows in, once there is one. */
  post?: string;
}

/** A Page post, as stored. */
export interface FacebookPostRecord {
  readonly id: string;
  readonly message: string;
  readonly link?: string;
  readonly photos: readonly FacebookPhotoRecord[];
  readonly params: Record<string, string | string[]>;
}

/** What people did with a post (test hook `engage`). */
export type FacebookEngagement = Partial<Record<'reactions' | 'comments' | 'shares', number>>;

/** The Facebook stand-in: `await FacebookStandin.start({ now: () => clock.now() })`, then `posts` and `photos`. */
export class FacebookStandin extends GraphStandin {
  readonly page: { readonly id: string; readonly name: string };
  readonly posts: FacebookPostRecord[] = [];
  readonly photos = new Map<string, FacebookPhotoRecord>();
  /** Image addresses Facebook cannot fetch. */
  readonly unreachable = new Set<string>();
  /** The Page's followers (test hook; `GET /{page-id}?fields=followers_count` says it). */
  followers = 0;
  private readonly engagement = new Map<string, FacebookEngagement>();
  private serial = 1;

  private constructor(options: FacebookStandinOptions) {
    const page = options.page ?? { id: '104000000000001', name: 'Nova' };
    super({ token: 'facebook-test-token', ...options }, { kind: 'business', id: page.id, type: 'pages', code: 80001 });
    this.page = page;
  }

  static start(options: FacebookStandinOptions = {}): Promise<FacebookStandin> {
    return new FacebookStandin(options).listen();
  }

  /** Sets what people did with a post. */
  engage(id: string, engagement: FacebookEngagement): void {
    this.engagement.set(id, engagement);
  }

  /** Deletes a post, as the Page would in the app. */
  deletePost(id: string): void {
    const i = this.posts.findIndex((p) => p.id === id);
    if (i >= 0) this.posts.splice(i, 1);
  }

  protected override route(request: RecordedRequest, params: GraphParams): Answer {
    const segments = request.pathname.split('/').filter(Boolean);
    if (segments[0] && /^v\d+\.\d+$/.test(segments[0])) segments.shift();
    const [node, edge] = segments;
    if (node === this.page.id && edge === undefined && request.method === 'GET') {
      const fields = params.fields();
      return { status: 200, body: { id: this.page.id, ...(fields.includes('name') ? { name: this.page.name } : {}), ...(fields.includes('followers_count') ? { followers_count: this.followers } : {}) } };
    }
    if (node !== undefined && edge === undefined && request.method === 'GET') return this.readPost(node, params);
    if (node === this.page.id && edge === 'feed' && request.method === 'POST') return this.feed(params);
    if (node === this.page.id && edge === 'photos' && request.method === 'POST') return this.photo(params);
    return invalidParameter(`Unsupported ${request.method.toLowerCase()} request. Object with ID '${node ?? ''}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`);
  }

  /** A post's fields: `reactions` and `comments` edges with their summary, `shares`. */
  private readPost(id: string, params: GraphParams): Answer {
    const post = this.posts.find((p) => p.id === id);
    if (!post) return objectNotFound(id);
    const done = { reactions: 0, comments: 0, shares: 0, ...this.engagement.get(id) };
    const body: Record<string, unknown> = { id };
    for (const field of params.fields()) {
      const name = /^[a-z_]+/.exec(field)?.[0] ?? '';
      const summary = /summary\(([^)]*)\)/.exec(field)?.[1];
      const edge = (total: number, extra: Record<string, unknown>) => ({ data: [], ...(summary !== undefined && summary !== 'false' ? { summary: { ...extra, total_count: total } } : {}) });
      if (name === 'reactions') body['reactions'] = edge(done.reactions, { viewer_reaction: 'NONE' });
      else if (name === 'comments') body['comments'] = edge(done.comments, { order: 'ranked', can_comment: true });
      else if (name === 'shares' && done.shares > 0) body['shares'] = { count: done.shares };
      else if (name === 'message') body['message'] = post.message;
    }
    return { status: 200, body };
  }

  private feed(params: GraphParams): Answer {
    const message = params.get('message') ?? '';
    const link = params.get('link');
    const attached: FacebookPhotoRecord[] = [];
    for (const entry of params.list('attached_media')) {
      let fbid: unknown;
      try {
        fbid = (JSON.parse(entry) as { media_fbid?: unknown }).media_fbid;
      } catch {
        return invalidParameter('Param attached_media must be a list of {"media_fbid": …}.');
      }
      const photo = typeof fbid === 'string' ? this.photos.get(fbid) : undefined;
      if (!photo || photo.published || photo.post !== undefined) return invalidParameter(`Param attached_media: ${String(fbid)} is not an unpublished photo of this Page.`);
      attached.push(photo);
    }
    if (message === '' && link === undefined && attached.length === 0) return invalidParameter('A post needs a message, a link or photos.');
    if (link !== undefined && !/^https?:\/\/[^\s]+$/.test(link)) return invalidParameter('Param link must be a URL.');
    if ([...message].length > 63_206) return invalidParameter('The message is too long.');
    if (message !== '' && this.posts.at(-1)?.message === message) return graphError(400, { message: '(#506) Duplicate status message', code: 506, error_user_title: 'Duplicate post', error_user_msg: 'This status update is identical to the last one you posted.' });
    const id = `${this.page.id}_${this.serial++}`;
    for (const photo of attached) photo.post = id;
    this.posts.push({ id, message, ...(link !== undefined ? { link } : {}), photos: attached, params: params.toObject() });
    return { status: 200, body: { id } };
  }

  private photo(params: GraphParams): Answer {
    const url = params.get('url') ?? '';
    if (!/^https?:\/\//.test(url)) return invalidParameter('Param url is required (this stand-in takes no upload).');
    if (this.unreachable.has(url)) return graphError(400, { message: '(#324) Missing or invalid image file', code: 324 });
    const published = params.get('published') !== 'false';
    const alt = params.get('alt_text_custom');
    const photo: FacebookPhotoRecord = { id: this.id(), url, published, ...(alt !== undefined ? { alt } : {}) };
    this.photos.set(photo.id, photo);
    if (!published) return { status: 200, body: { id: photo.id } };
    const caption = params.get('caption') ?? '';
    const id = `${this.page.id}_${this.serial++}`;
    photo.post = id;
    this.posts.push({ id, message: caption, photos: [photo], params: params.toObject() });
    return { status: 200, body: { id: photo.id, post_id: id } };
  }
}
