/**
 * A stand-in for Meta's Threads API (graph.threads.net), written from Meta's documentation, for
 * the Threads sender's tests. The Graph API conventions it shares with the Instagram and Facebook
 * stand-ins (parameters, errors, rate-limit headers) are listed in `graph.ts`. Its own behaviours,
 * and where each comes from:
 *
 * DOCUMENTED
 * - `POST /{threads-user-id}/threads` makes a media container and answers `{ id }`:
 *   `media_type` `TEXT` (with `text`), `IMAGE` (with `image_url`, fetched by Threads, so on a public
 *   server), `VIDEO` or `CAROUSEL` (with `children`, a comma-separated list of 2 to 20 containers
 *   made with `is_carousel_item=true`); `text` optional with media; `reply_to_id` to reply to a
 *   post; `topic_tag` (https://developers.facebook.com/docs/threads/posts,
 *   https://developers.facebook.com/documentation/threads/reference/publishing).
 * - `POST /{threads-user-id}/threads_publish?creation_id=<container>` publishes it and answers
 *   `{ id }`, the post's id (same pages).
 * - Text holds 500 characters, an emoji counting as its UTF-8 bytes (posts page, "Limitations").
 * - Since December 22, 2025, a post with more than 5 distinct links fails at container creation
 *   with `THREADS_API__LINK_LIMIT_EXCEEDED`
 *   (https://developers.facebook.com/documentation/threads/create-posts/text-attachments).
 * - `GET /{container-id}?fields=status,error_message`: `IN_PROGRESS`, `FINISHED`, `ERROR` (with
 *   `error_message`, e.g. `UNKNOWN`), `EXPIRED` (not published within 24 hours), `PUBLISHED`
 *   (https://developers.facebook.com/docs/threads/troubleshooting). Meta advises waiting before
 *   publishing, and checking once a minute for 5 minutes at most (mostly for video).
 * - `GET /me?fields=id,username` answers the token's user (the Threads profiles docs).
 * - 250 API-published posts per profile in a 24-hour moving period, a carousel counting as one,
 *   enforced at `threads_publish`; replies 1,000 in 24 hours;
 *   `GET /{threads-user-id}/threads_publishing_limit?fields=quota_usage,config` answers
 *   `{ data: [{ quota_usage, config: { quota_total: 250, quota_duration: 86400 } }] }`
 *   (https://developers.facebook.com/docs/threads/overview, "Rate limiting").
 * - `GET /{media-id}?fields=permalink` gives a post's link (Threads media fields).
 *
 *
 * Reading counts (`edcal metrics fetch`; the shared insights shape and errors are in `graph.ts`)
 * - DOCUMENTED: `GET /{threads-media-id}/insights?metric=views,likes,replies,reposts,quotes,shares`
 *   answers those metrics of a post, `period: 'lifetime'` (the Threads Insights API,
 *   https://developers.facebook.com/docs/threads/insights; `threads_manage_insights`, not
 *   modelled). `GET /{threads-user-id}/threads_insights?metric=…` reads the account's: views,
 *   likes, replies, reposts, quotes, clicks, followers_count, follower_demographics (the
 *   insights reference, https://developers.facebook.com/docs/threads/insights).
 * - ASSUMED: `followers_count` comes as `total_value: { value }`, not in `values`, as third-party
 *   clients' tests of `threads_insights` expect it (the excerpts of Meta's page read here stop
 *   before its user-insights example); only `followers_count` is served among the account's
 *   metrics (another → `(#100)`);
 *   a post deleted (test hook `deletePost`) is a node that does not exist; test hook
 *   `engage(id, metrics)` sets a post's insights (0 otherwise), `followers` the account's.
 *
 * ASSUMED
 * - A topic tag is 1 to 50 characters without `.` or `&` (what third-party clients check; Meta's
 *   section on topic tags was not in the excerpts read); the text keeps its `#words` as sent.
 * - Wording and codes of refusals, all 400: too long a text `(#100) The text is too long…`; the
 *   link limit `{ code: 100, message: 'THREADS_API__LINK_LIMIT_EXCEEDED' }`; an unknown reply,
 *   child or container `(#100)`; publishing a container not `FINISHED` code 24 subcode 4279009
 *   `Media Not Found`-like words; the publishing limit as Instagram's (code 9, subcode 2207042).
 * - Images take `processingMs` (default 2 s) to process, a text none; an image at an address in
 *   `unreachable` ends `ERROR` / `UNKNOWN`; a carousel is processed once all its items are, and
 *   fails if one does. `alt_text` is taken on images as on videos (Meta's Postman collection
 *   shows it on a video container).
 * - The limits count in fixed 24-hour windows from the first publication, not a moving one.
 * - Permalinks are `https://www.threads.com/@<username>/post/<code>`.
 */
import type { Answer, RecordedRequest } from './server';
import { distinctLinks, GraphStandin, insightsAnswer, invalidParameter, graphError, objectNotFound, utf8Bytes, type GraphParams, type GraphStandinOptions } from './graph';
import { RateWindow } from './rateWindow';

export interface ThreadsStandinOptions extends GraphStandinOptions {
  readonly user?: { readonly id: string; readonly username: string };
  /** How long an image or a carousel takes to process, in ms (default 2000). */
  readonly processingMs?: number;
  readonly postsPerDay?: number;
}

/** A media container, as stored. */
export interface ThreadsContainerRecord {
  readonly id: string;
  readonly mediaType: 'TEXT' | 'IMAGE' | 'CAROUSEL';
  readonly carouselItem: boolean;
  /** Every parameter received. */
  readonly params: Record<string, string | string[]>;
  readonly children: readonly string[];
  readonly createdAt: number;
  readonly readyAt: number;
  readonly failed: boolean;
  publishedAs?: string;
}

/** A post's insights, by Threads' metric names (test hook `engage`). */
export type ThreadsInsights = Partial<Record<'views' | 'likes' | 'replies' | 'reposts' | 'quotes' | 'shares', number>>;

/** A published post, as stored. */
export interface ThreadsPostRecord {
  readonly id: string;
  readonly text: string;
  readonly mediaType: 'TEXT' | 'IMAGE' | 'CAROUSEL';
  readonly images: ReadonlyArray<{ readonly url: string; readonly alt?: string }>;
  readonly replyTo?: string;
  readonly topicTag?: string;
  readonly container: string;
  readonly permalink: string;
}

const DAY = 86_400_000;
const TOPIC = /^[^.&]{1,50}$/u;
const EMOJI = /\p{Extended_Pictographic}|\p{Regional_Indicator}|\u20e3/u;

/** The Threads stand-in: `await ThreadsStandin.start({ now: () => clock.now() })`, then `posts` and `containers`. */
export class ThreadsStandin extends GraphStandin {
  readonly user: { readonly id: string; readonly username: string };
  readonly containers = new Map<string, ThreadsContainerRecord>();
  /** Every published post, in order. */
  readonly posts: ThreadsPostRecord[] = [];
  /** Image addresses Threads cannot fetch: their containers end in `ERROR`. */
  readonly unreachable = new Set<string>();
  /** The account's followers (test hook; `threads_insights` says it). */
  followers = 0;
  private readonly insights = new Map<string, ThreadsInsights>();
  private readonly processingMs: number;
  private readonly published: RateWindow;
  private readonly replies: RateWindow;

  private constructor(options: ThreadsStandinOptions) {
    super({ token: 'threads-test-token', ...options }, { kind: 'platform' });
    this.user = options.user ?? { id: '25000000000000001', username: 'nova.app' };
    this.processingMs = options.processingMs ?? 2000;
    this.published = new RateWindow(options.postsPerDay ?? 250, DAY, this.now);
    this.replies = new RateWindow(1000, DAY, this.now);
  }

  static start(options: ThreadsStandinOptions = {}): Promise<ThreadsStandin> {
    return new ThreadsStandin(options).listen();
  }

  /** Sets what people did with a post (its insights). */
  engage(id: string, insights: ThreadsInsights): void {
    this.insights.set(id, insights);
  }

  /** Deletes a post, as its author would in the app. */
  deletePost(id: string): void {
    const i = this.posts.findIndex((p) => p.id === id);
    if (i >= 0) this.posts.splice(i, 1);
  }

  /** The containers made and never published. */
  get unpublished(): ThreadsContainerRecord[] {
    return [...this.containers.values()].filter((c) => c.publishedAs === undefined && !c.carouselItem);
  }

  protected override route(request: RecordedRequest, params: GraphParams): Answer {
    const segments = request.pathname.split('/').filter(Boolean);
    // The API's version is the first segment (`/v1.0/…`) when the base URL carries one.
    if (segments[0] && /^v\d+\.\d+$/.test(segments[0])) segments.shift();
    const [node, edge] = segments;
    if (request.method === 'GET' && node === 'me' && edge === undefined) return this.me(params);
    if (node === this.user.id && edge === 'threads' && request.method === 'POST') return this.create(params);
    if (node === this.user.id && edge === 'threads_publish' && request.method === 'POST') return this.publish(params);
    if (node === this.user.id && edge === 'threads_publishing_limit' && request.method === 'GET') {
      return { status: 200, body: { data: [{ quota_usage: this.published.limit - this.published.remaining, config: { quota_total: this.published.limit, quota_duration: DAY / 1000 } }] } };
    }
    if (node === this.user.id && edge === 'threads_insights' && request.method === 'GET') return this.userInsights(params);
    if (request.method === 'GET' && node !== undefined && edge === 'insights') {
      if (!this.posts.some((p) => p.id === node)) return objectNotFound(node);
      return insightsAnswer(node, params, { views: 0, likes: 0, replies: 0, reposts: 0, quotes: 0, shares: 0, ...this.insights.get(node) });
    }
    if (request.method === 'GET' && node !== undefined && edge === undefined) return this.read(node, params);
    return invalidParameter(`Unsupported ${request.method.toLowerCase()} request. Object with ID '${node ?? ''}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`);
  }

  private userInsights(params: GraphParams): Answer {
    const asked = (params.get('metric') ?? '').split(',').filter(Boolean);
    if (asked.length === 0 || asked.some((m) => m !== 'followers_count')) return invalidParameter(`Param metric must be followers_count here, not ${params.get('metric') ?? 'nothing'}.`);
    const id = `${this.user.id}/insights/followers_count/day`;
    return { status: 200, body: { data: [{ name: 'followers_count', period: 'day', title: 'followers_count', description: 'The number of followers of the profile.', total_value: { value: this.followers }, id }] } };
  }

  private me(params: GraphParams): Answer {
    const fields = params.fields();
    const all: Record<string, string> = { id: this.user.id, username: this.user.username };
    return { status: 200, body: Object.fromEntries(Object.entries(all).filter(([k]) => k === 'id' || fields.includes(k))) };
  }

  private create(params: GraphParams): Answer {
    const type = params.get('media_type');
    const text = params.get('text') ?? '';
    const item = params.get('is_carousel_item') === 'true';
    if (type !== 'TEXT' && type !== 'IMAGE' && type !== 'CAROUSEL') return invalidParameter('Param media_type must be one of {TEXT, IMAGE, VIDEO, CAROUSEL} (this stand-in takes no VIDEO).');
    if (type === 'TEXT' && text === '') return invalidParameter('Param text is required for media_type=TEXT.');
    if (type === 'IMAGE' && !/^https?:\/\//.test(params.get('image_url') ?? '')) return invalidParameter('Param image_url must be a URL.');
    if (item && type !== 'IMAGE') return invalidParameter('Only images and videos can be carousel items.');
    if (length(text) > 500) return invalidParameter('The text is too long. Text posts are limited to 500 characters.');
    if (distinctLinks(text).length > 5) return graphError(400, { message: 'THREADS_API__LINK_LIMIT_EXCEEDED', code: 100, error_user_msg: 'Posts can have at most 5 links.' });
    const topic = params.get('topic_tag');
    if (topic !== undefined && !TOPIC.test(topic)) return invalidParameter('Param topic_tag must be 1 to 50 characters, without periods or ampersands.');
    const replyTo = params.get('reply_to_id');
    if (replyTo !== undefined && !this.posts.some((p) => p.id === replyTo)) return invalidParameter(`Param reply_to_id: post ${replyTo} does not exist.`);
    const children = type === 'CAROUSEL' ? (params.get('children') ?? '').split(',').filter(Boolean) : [];
    if (type === 'CAROUSEL') {
      if (children.length < 2 || children.length > 20) return invalidParameter('A carousel holds 2 to 20 items.');
      for (const child of children) {
        const c = this.containers.get(child);
        if (!c || !c.carouselItem || c.publishedAs !== undefined) return invalidParameter(`Param children: ${child} is not a carousel item container.`);
      }
    }
    const now = this.now();
    const id = this.id();
    const record: ThreadsContainerRecord = {
      id,
      mediaType: type,
      carouselItem: item,
      params: params.toObject(),
      children,
      createdAt: now,
      readyAt: type === 'TEXT' ? now : now + this.processingMs,
      failed: type === 'IMAGE' && this.unreachable.has(params.get('image_url')!),
    };
    this.containers.set(id, record);
    return { status: 200, body: { id } };
  }

  /** A container's state now (a carousel's from its items). */
  status(container: ThreadsContainerRecord): 'IN_PROGRESS' | 'FINISHED' | 'ERROR' | 'EXPIRED' | 'PUBLISHED' {
    if (container.publishedAs !== undefined) return 'PUBLISHED';
    const now = this.now();
    if (now >= container.createdAt + DAY) return 'EXPIRED';
    const parts = [container, ...container.children.map((c) => this.containers.get(c)!)];
    if (parts.some((p) => p.failed)) return 'ERROR';
    return parts.every((p) => now >= p.readyAt) ? 'FINISHED' : 'IN_PROGRESS';
  }

  private read(node: string, params: GraphParams): Answer {
    const fields = params.fields();
    const container = this.containers.get(node);
    if (container) {
      const status = this.status(container);
      return { status: 200, body: { id: node, ...(fields.includes('status') ? { status } : {}), ...(fields.includes('error_message') && status === 'ERROR' ? { error_message: 'UNKNOWN' } : {}) } };
    }
    const post = this.posts.find((p) => p.id === node);
    if (post) return { status: 200, body: { id: node, ...(fields.includes('permalink') ? { permalink: post.permalink } : {}), ...(fields.includes('text') ? { text: post.text } : {}) } };
    return objectNotFound(node);
  }

  private publish(params: GraphParams): Answer {
    const id = params.get('creation_id') ?? '';
    const container = this.containers.get(id);
    if (!container || container.carouselItem) return invalidParameter(`Param creation_id: ${id} is not a container that can be published.`);
    const status = this.status(container);
    if (status !== 'FINISHED') return graphError(400, { message: `The media is not ready to be published (${status}).`, code: 24, error_subcode: 4279009, error_user_title: 'Media not ready' });
    const replyTo = container.params['reply_to_id'] as string | undefined;
    const window = replyTo !== undefined ? this.replies : this.published;
    if (!window.take()) return graphError(400, { message: 'Application request limit reached', code: 9, error_subcode: 2207042, error_user_msg: 'You reached the maximum number of posts allowed in 24 hours.' });
    const postId = this.id();
    container.publishedAs = postId;
    const sources = container.mediaType === 'CAROUSEL' ? container.children.map((c) => this.containers.get(c)!) : container.mediaType === 'IMAGE' ? [container] : [];
    const topic = container.params['topic_tag'] as string | undefined;
    this.posts.push({
      id: postId,
      text: (container.params['text'] as string | undefined) ?? '',
      mediaType: container.mediaType,
      images: sources.map((s) => ({ url: s.params['image_url'] as string, ...(s.params['alt_text'] !== undefined ? { alt: s.params['alt_text'] as string } : {}) })),
      ...(replyTo !== undefined ? { replyTo } : {}),
      ...(topic !== undefined ? { topicTag: topic } : {}),
      container: id,
      permalink: `https://www.threads.com/@${this.user.username}/post/${Buffer.from(postId).toString('base64url').slice(0, 11)}`,
    });
    return { status: 200, body: { id: postId } };
  }
}

/** A text's length as Threads counts it: graphemes, an emoji weighing its UTF-8 bytes. */
function length(text: string): number {
  let n = 0;
  for (const { segment } of new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(text)) n += EMOJI.test(segment) ? utf8Bytes(segment) : 1;
  return n;
}
