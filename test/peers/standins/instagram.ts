/**
 * A stand-in for the Instagram API with Facebook Login (Graph API, graph.facebook.com), content
 * publishing only, written from Meta's documentation, for the Instagram sender's tests. Shared
 * Graph API conventions are in `graph.ts`. Its own behaviours, and where each comes from:
 *
 * DOCUMENTED
 * - `POST /{ig-user-id}/media` makes a container and answers `{ id }`: an image by `image_url`
 *   (fetched by Instagram: "we cURL media", so on a public server), with `caption` and, since
 *   March 24, 2025, `alt_text` for image posts; a carousel item with `is_carousel_item=true`; a
 *   carousel with `media_type=CAROUSEL` and `children`, the items' container ids
 *   (https://developers.facebook.com/docs/instagram-platform/content-publishing).
 * - `POST /{ig-user-id}/media_publish?creation_id=<container>` publishes it, answering `{ id }`, the
 *   media's id (same page).
 * - `GET /{container-id}?fields=status_code,status`: `status_code` `EXPIRED` (not published within
 *   24 hours), `ERROR`, `FINISHED`, `IN_PROGRESS`, `PUBLISHED`; on `ERROR`, `status` gives the
 *   error (https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-container).
 * - 100 API-published posts per account in a 24-hour moving period, a carousel counting as one,
 *   enforced at `media_publish`; `GET /{ig-user-id}/content_publishing_limit?fields=quota_usage,config`
 *   (https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-user/content_publishing_limit).
 *   Past it: 400, code 9, subcode 2207042 "You reached maximum number of posts that is allowed to
 *   be published by Content Publishing API" (the Instagram error codes page:
 *   https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/error-codes),
 *   which also gives 400 / code 4 / subcode 2207051 for publishing held back as spam.
 * - A carousel holds up to 10 images (the content publishing guide's limits; the app takes 20);
 *   JPEG is the only image format the API takes (its image specifications); a caption holds 2,200
 *   characters.
 * - `GET /{ig-user-id}?fields=username` answers the account's username (IG User reference);
 *   `GET /{media-id}?fields=permalink` a post's link (IG Media reference).
 * - Instagram Platform calls count against Business Use Case limits, reported in
 *   `x-business-use-case-usage` (Graph API Rate Limits page; see `graph.ts`).
 *
 * Reading counts (`edcal metrics fetch`; the shared insights shape and errors are in `graph.ts`)
 * - DOCUMENTED: `GET /{ig-media-id}/insights?metric=…` answers a post's metrics: among them
 *   `views` (since v22.0, for FEED, STORY and REELS), `reach`, `likes`, `comments`, `shares`,
 *   `saved`, `total_interactions`; for insights that do not exist or are not available yet, an
 *   empty `data` rather than 0s; data up to 48 hours late; none for the media inside an album
 *   (https://developers.facebook.com/docs/instagram-platform/reference/instagram-media/insights).
 *   `GET /{ig-user-id}?fields=followers_count` gives the account's followers (IG User reference).
 * - OBSERVED: a metric the media's product type lacks → 400 `(#100) The Media Insights API does
 *   not support the impressions, replies metric for this media product type.` (a question about
 *   v20.0 reels, www.volcengine.com/article/1139570); a media deleted → code 100, subcode 33,
 *   type `IGApiException` (github.com/jstolpe/blog_code/issues/4).
 * - ASSUMED: test hooks `engage(id, metrics)` (0 otherwise), `withhold(id)` (its insights not
 *   computed yet: an empty `data`), `deletePost(id)`, `followers`.
 *
 * ASSUMED
 * - A non-JPEG image (told by its address's extension: the stand-in fetches nothing) is refused at
 *   container creation, 400, code 9004, subcode 2207052, "Only photo or video can be accepted as
 *   media type." — the error table's code and subcode for media that cannot be fetched or used.
 * - An image at an address in `unreachable` makes a container that ends `ERROR`, `status`
 *   "Error: 2207052 The media could not be fetched from this URI."; images take `processingMs`
 *   (default 2 s) to process; a carousel is processed once all its items are.
 * - Publishing a container not `FINISHED` → 400, code 9007, subcode 2207027, "The media is not
 *   ready for publishing, please wait for a moment"; unknown containers or children → `(#100)`.
 * - More than 5 hashtags in a caption → 400 `(#100)` (the platform rules' December 2025 cap).
 * - Limits count in fixed 24-hour windows; permalinks are `https://www.instagram.com/p/<code>/`.
 */
import type { Answer, RecordedRequest } from './server';
import { GraphStandin, graphError, insightsAnswer, invalidParameter, objectNotFound, type GraphParams, type GraphStandinOptions } from './graph';
import { RateWindow } from './rateWindow';

export interface InstagramStandinOptions extends GraphStandinOptions {
  readonly user?: { readonly id: string; readonly username: string };
  readonly processingMs?: number;
  readonly postsPerDay?: number;
}

/** A media container, as stored. */
export interface InstagramContainerRecord {
  readonly id: string;
  readonly carousel: boolean;
  readonly carouselItem: boolean;
  readonly params: Record<string, string | string[]>;
  readonly children: readonly string[];
  readonly createdAt: number;
  readonly readyAt: number;
  readonly failed: boolean;
  publishedAs?: string;
}

/** A published post, as stored. */
export interface InstagramPostRecord {
  readonly id: string;
  readonly caption: string;
  readonly images: ReadonlyArray<{ readonly url: string; readonly alt?: string }>;
  readonly container: string;
  readonly permalink: string;
}

/** A post's insights, by Instagram's metric names (test hook `engage`). */
export type InstagramInsights = Partial<Record<'views' | 'reach' | 'likes' | 'comments' | 'shares' | 'saved' | 'total_interactions', number>>;

const DAY = 86_400_000;

/** The Instagram stand-in: `await InstagramStandin.start({ now: () => clock.now() })`, then `posts` and `containers`. */
export class InstagramStandin extends GraphStandin {
  readonly user: { readonly id: string; readonly username: string };
  readonly containers = new Map<string, InstagramContainerRecord>();
  readonly posts: InstagramPostRecord[] = [];
  /** Image addresses Instagram cannot fetch: their containers end in `ERROR`. */
  readonly unreachable = new Set<string>();
  /** The account's followers (test hook; `GET /{ig-user-id}?fields=followers_count` says it). */
  followers = 0;
  private readonly insights = new Map<string, InstagramInsights>();
  /** Posts whose insights are not computed yet. */
  private readonly withheld = new Set<string>();
  private readonly processingMs: number;
  private readonly published: RateWindow;

  private constructor(options: InstagramStandinOptions) {
    const user = options.user ?? { id: '17841400000000001', username: 'nova.app' };
    super({ token: 'instagram-test-token', ...options }, { kind: 'business', id: user.id, type: 'instagram', code: 80002 });
    this.user = user;
    this.processingMs = options.processingMs ?? 2000;
    this.published = new RateWindow(options.postsPerDay ?? 100, DAY, this.now);
  }

  static start(options: InstagramStandinOptions = {}): Promise<InstagramStandin> {
    return new InstagramStandin(options).listen();
  }

  /** Sets what people did with a post (its insights). */
  engage(id: string, insights: InstagramInsights): void {
    this.insights.set(id, insights);
  }

  /** From now on the post's insights are not available (an empty `data`). */
  withhold(id: string): void {
    this.withheld.add(id);
  }

  /** Deletes a post, as its author would in the app. */
  deletePost(id: string): void {
    const i = this.posts.findIndex((p) => p.id === id);
    if (i >= 0) this.posts.splice(i, 1);
  }

  /** Containers made and never published. */
  get unpublished(): InstagramContainerRecord[] {
    return [...this.containers.values()].filter((c) => c.publishedAs === undefined && !c.carouselItem);
  }

  protected override route(request: RecordedRequest, params: GraphParams): Answer {
    const segments = request.pathname.split('/').filter(Boolean);
    if (segments[0] && /^v\d+\.\d+$/.test(segments[0])) segments.shift();
    const [node, edge] = segments;
    if (node === this.user.id && edge === 'media' && request.method === 'POST') return this.create(params);
    if (node === this.user.id && edge === 'media_publish' && request.method === 'POST') return this.publish(params);
    if (node === this.user.id && edge === 'content_publishing_limit' && request.method === 'GET') {
      return { status: 200, body: { data: [{ quota_usage: this.published.limit - this.published.remaining, config: { quota_total: this.published.limit, quota_duration: DAY / 1000 } }] } };
    }
    if (node === this.user.id && edge === undefined && request.method === 'GET') {
      const fields = params.fields();
      return { status: 200, body: { id: this.user.id, ...(fields.includes('username') ? { username: this.user.username } : {}), ...(fields.includes('followers_count') ? { followers_count: this.followers } : {}) } };
    }
    if (request.method === 'GET' && node !== undefined && edge === 'insights') {
      if (!this.posts.some((p) => p.id === node)) return objectNotFound(node, 'IGApiException');
      if (this.withheld.has(node)) return { status: 200, body: { data: [] } };
      return insightsAnswer(node, params, { views: 0, reach: 0, likes: 0, comments: 0, shares: 0, saved: 0, total_interactions: 0, ...this.insights.get(node) });
    }
    if (request.method === 'GET' && node !== undefined && edge === undefined) return this.read(node, params);
    return invalidParameter(`Unsupported ${request.method.toLowerCase()} request. Object with ID '${node ?? ''}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`);
  }

  private create(params: GraphParams): Answer {
    const carousel = params.get('media_type') === 'CAROUSEL';
    const item = params.get('is_carousel_item') === 'true';
    const caption = params.get('caption') ?? '';
    if ([...new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(caption)].length > 2200) return invalidParameter('The caption is longer than 2200 characters.');
    if ((caption.match(/(?:^|\s)#[\p{L}\p{N}_]+/gu) ?? []).length > 5) return invalidParameter('The caption has more than 5 hashtags.');
    const children = carousel ? (params.get('children') ?? '').split(',').filter(Boolean) : [];
    if (carousel) {
      if (children.length < 2 || children.length > 10) return invalidParameter('A carousel holds 2 to 10 items.');
      for (const child of children) {
        const c = this.containers.get(child);
        if (!c || !c.carouselItem || c.publishedAs !== undefined) return invalidParameter(`Param children: ${child} is not a carousel item container.`);
      }
    } else {
      const url = params.get('image_url') ?? '';
      if (!/^https?:\/\//.test(url)) return invalidParameter('Param image_url is required (this stand-in takes images only).');
      if (!/\.jpe?g$/i.test(new URL(url).pathname)) return graphError(400, { message: 'Only photo or video can be accepted as media type.', code: 9004, error_subcode: 2207052, error_user_title: 'Unsupported image format', error_user_msg: 'The image format is not supported: use a JPEG.' });
    }
    const now = this.now();
    const id = this.id();
    this.containers.set(id, {
      id,
      carousel,
      carouselItem: item,
      params: params.toObject(),
      children,
      createdAt: now,
      readyAt: now + this.processingMs,
      failed: !carousel && this.unreachable.has(params.get('image_url')!),
    });
    return { status: 200, body: { id } };
  }

  status(container: InstagramContainerRecord): 'IN_PROGRESS' | 'FINISHED' | 'ERROR' | 'EXPIRED' | 'PUBLISHED' {
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
      const code = this.status(container);
      const status = code === 'ERROR' ? 'Error: 2207052 The media could not be fetched from this URI.' : code === 'FINISHED' || code === 'PUBLISHED' ? 'Finished: Media has been uploaded and it is ready to be published.' : 'In Progress: Media is still being processed.';
      return { status: 200, body: { id: node, ...(fields.includes('status_code') ? { status_code: code } : {}), ...(fields.includes('status') ? { status } : {}) } };
    }
    const post = this.posts.find((p) => p.id === node);
    if (post) return { status: 200, body: { id: node, ...(fields.includes('permalink') ? { permalink: post.permalink } : {}), ...(fields.includes('caption') ? { caption: post.caption } : {}) } };
    return objectNotFound(node, 'IGApiException');
  }

  private publish(params: GraphParams): Answer {
    const id = params.get('creation_id') ?? '';
    const container = this.containers.get(id);
    if (!container || container.carouselItem) return invalidParameter(`Param creation_id: ${id} is not a container that can be published.`);
    const status = this.status(container);
    if (status !== 'FINISHED') return graphError(400, { message: 'The media is not ready for publishing, please wait for a moment', code: 9007, error_subcode: 2207027, error_user_title: 'Media not ready' });
    if (!this.published.take()) return graphError(400, { message: 'Application request limit reached', code: 9, error_subcode: 2207042, error_user_title: 'Maximum number of posts reached', error_user_msg: 'You reached maximum number of posts that is allowed to be published by Content Publishing API.' });
    const postId = this.id();
    container.publishedAs = postId;
    const sources = container.carousel ? container.children.map((c) => this.containers.get(c)!) : [container];
    this.posts.push({
      id: postId,
      caption: (container.params['caption'] as string | undefined) ?? '',
      images: sources.map((s) => ({ url: s.params['image_url'] as string, ...(s.params['alt_text'] !== undefined ? { alt: s.params['alt_text'] as string } : {}) })),
      container: id,
      permalink: `https://www.instagram.com/p/${Buffer.from(postId).toString('base64url').slice(0, 11)}/`,
    });
    return { status: 200, body: { id: postId } };
  }
}
