/**
 * A stand-in for LinkedIn's versioned REST API (Posts and Images), written from LinkedIn's
 * documentation (no LinkedIn server can run here), for the LinkedIn sender's tests. What it does,
 * and where each behaviour comes from:
 *
 * DOCUMENTED
 * - Every `/rest/…` call needs `Linkedin-Version: YYYYMM` and `X-Restli-Protocol-Version: 2.0.0`
 *   (https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/posts-api).
 * - `POST /rest/posts` with `{ author, commentary, visibility, distribution, lifecycleState,
 *   isReshareDisabledByAuthor, content? }` answers `201` with an empty body and the post's URN in
 *   the `x-restli-id` header (posts-api, above). An image post's `content` is
 *   `{ media: { id, altText } }`; 2 to 20 images are `{ multiImage: { images: [{ id, altText }] } }`
 *   (https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/multiimage-post-api),
 *   every image owned by the post's author.
 * - `POST /rest/images?action=initializeUpload` with `{ initializeUploadRequest: { owner } }`
 *   answers `{ value: { uploadUrlExpiresAt, uploadUrl, image } }`; the bytes then go by `PUT` to
 *   `uploadUrl` with the bearer token, answered `201`
 *   (https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/images-api).
 * - `GET /v2/userinfo` (OpenID Connect) answers `{ sub, name, given_name, family_name, … }`
 *   (https://learn.microsoft.com/en-us/linkedin/consumer/integrations/self-serve/sign-in-with-linkedin-v2).
 * - Errors are `{ message, serviceErrorCode, status }`; 401 for an invalid, expired
 *   (`Expired access token`) or revoked token
 *   (https://learn.microsoft.com/en-us/linkedin/shared/api-guide/concepts/error-handling).
 * - Limits are per member and application per day, reset at midnight UTC, and answered 429; the
 *   numbers are unpublished (https://learn.microsoft.com/en-us/linkedin/shared/api-guide/concepts/rate-limits).
 *   No rate-limit header is documented, so none is sent.
 * - `commentary` is "little text": `\ | { } @ [ ] ( ) < > # * _ ~` must be escaped with a
 *   backslash; `{hashtag|\#|tag}` is a hashtag and `@[Name](urn:li:…)` a mention
 *   (https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/little-text-format).
 *
 * Reading counts (`edcal metrics fetch`)
 * - DOCUMENTED: `GET /rest/socialActions/{url-encoded urn}` answers a post's `likesSummary`
 *   (`totalLikes`) and `commentsSummary` (`totalFirstLevelComments`, `aggregatedTotalComments`),
 *   with `r_organization_social` for an organisation's post its member administers, or
 *   `r_member_social` for a member's own, "granted to select developers only"
 *   (https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/network-update-social-actions).
 * - DOCUMENTED: `GET /rest/organizationalEntityShareStatistics?q=organizationalEntity&organizationalEntity={org}`
 *   with `shares=List(…)` or `ugcPosts=List(…)` answers `{ elements: [{ organizationalEntity,
 *   share | ugcPost, totalShareStatistics: { impressionCount, uniqueImpressionsCount, clickCount,
 *   likeCount, commentCount, shareCount, engagement } }] }`, organic activity only, for the posts
 *   of the last 12 months (a rolling window), `rw_organization_admin` with the ADMINISTRATOR role;
 *   without a post list, the organisation's totals
 *   (https://learn.microsoft.com/en-us/linkedin/marketing/community-management/organizations/share-statistics).
 * - DOCUMENTED: `GET /rest/networkSizes/{org}?edgeType=COMPANY_FOLLOWED_BY_MEMBER` answers
 *   `{ firstDegreeSize }`, the organisation's followers (Organization Network Size; the
 *   unversioned page spells the edge `CompanyFollowedByMember`,
 *   https://learn.microsoft.com/en-us/linkedin/marketing/integrations/community-management/organizations/organization-network-size).
 * - ASSUMED: a post deleted (test hook `deletePost`) or unknown → 404 `Not Found` from
 *   `socialActions`, and left out of the statistics' `elements` (as are other authors' posts);
 *   no access → 403 `Not enough permissions to access: …`; `networkSizes` of an organisation the
 *   member does not administer → 404; reads count against `readsPerDay` (default 1,000) per member,
 *   answered as the posts' limit is. Test hooks: `engage(urn, { likes, comments, replies,
 *   impressions, shares })` (0 otherwise; `aggregatedTotalComments` counts comments and their
 *   replies), `followers` (each organisation's), `readMemberSocial` (the member's permission).
 *
 * OBSERVED in reports of the real API (not in the docs)
 * - An invalid token → 401 `{ serviceErrorCode: 65600, message: 'Invalid access token', status: 401 }`
 *   (github.com/xcarpentier/react-native-linkedin/issues/80).
 * - An unescaped reserved character cuts the post there, silently: the post is created (201) but
 *   shows only the text before it (github.com/apoorvdarshan/crossposter release v1.1.5,
 *   github.com/alexey-pelykh/linkedctl/issues/194). Here `shown` ends before it and `cut` is true.
 *
 * ASSUMED
 * - An expired token's `serviceErrorCode` is 65601.
 * - A commentary over 3,000 characters (graphemes of the text shown) → 422; a missing field →
 *   422 `ERROR :: /field :: field is required but not found and has no default value`; an image
 *   not uploaded or not the author's → 422; an author or owner the member may not act for →
 *   403; a missing or malformed version header → 400. Wording ours where no report gives it.
 * - 150 calls to `POST /rest/posts` per member per day (the figure third-party tools give for
 *   posts); 429's wording ours.
 * - Authentication is checked first; a 401 counts against no limit.
 */
import { bearer, jsonBody, StandinServer, type Answer, type RecordedRequest } from './server';
import { RateWindow } from './rateWindow';

export interface LinkedinStandinOptions {
  /** The one access token accepted. */
  readonly token?: string;
  /** The member the token belongs to. */
  readonly member?: { readonly sub: string; readonly name: string };
  /** Organisations (`urn:li:organization:…`) the member administers, so may post as. */
  readonly organizations?: readonly string[];
  readonly postsPerDay?: number;
  /** GET calls to `/rest/…` per member per day. */
  readonly readsPerDay?: number;
  /** The token carries `r_member_social`: the member's own posts' social actions may be read. */
  readonly readMemberSocial?: boolean;
  /** Epoch milliseconds: a test's fake clock. */
  readonly now?: () => number;
}

/** What people did with a post (test hook `engage`). */
export type LinkedinEngagement = Partial<Record<'likes' | 'comments' | 'replies' | 'impressions' | 'shares', number>>;

/** An image, once initialised (and once its bytes are uploaded). */
export interface LinkedinStoredImage {
  readonly id: string;
  readonly owner: string;
  readonly uploadPath: string;
  bytes?: Uint8Array;
}

/** A created post, as stored. */
export interface LinkedinPost {
  readonly id: string;
  readonly author: string;
  readonly commentary: string;
  /** The text as LinkedIn shows it, little text read. */
  readonly shown: string;
  /** True when an unescaped reserved character cut the text. */
  readonly cut: boolean;
  readonly images: ReadonlyArray<{ readonly image: LinkedinStoredImage; readonly altText?: string }>;
  /** The request body, parsed. */
  readonly body: Record<string, unknown>;
  /** When it was created, epoch ms. */
  readonly createdAt: number;
}

const DAY = 86_400_000;
/** The share statistics' rolling window. */
const YEAR = 365 * DAY;
const REQUIRED = ['author', 'commentary', 'visibility', 'distribution', 'lifecycleState'];

/** The LinkedIn stand-in: `await LinkedinStandin.start({ now: () => clock.now() })`, then `posts`. */
export class LinkedinStandin extends StandinServer {
  readonly token: string;
  readonly member: { readonly sub: string; readonly name: string };
  /** Every post created, in order. */
  readonly posts: LinkedinPost[] = [];
  /** Every image initialised, by URN. */
  readonly images = new Map<string, LinkedinStoredImage>();
  /** Each organisation's followers (test hook). */
  followers = 0;
  private readonly organizations: readonly string[];
  private readonly readMemberSocial: boolean;
  private readonly engagement = new Map<string, LinkedinEngagement>();
  private readonly postsToday: RateWindow;
  private readonly readsToday: RateWindow;
  private readonly now: () => number;
  private expired = false;
  private next = 1;

  private constructor(options: LinkedinStandinOptions) {
    super();
    this.token = options.token ?? 'li-test-token';
    this.member = options.member ?? { sub: 'a1B2c3D4e5', name: 'Léa Martin' };
    this.organizations = options.organizations ?? [];
    this.readMemberSocial = options.readMemberSocial ?? false;
    this.now = options.now ?? Date.now;
    this.postsToday = new RateWindow(options.postsPerDay ?? 150, DAY, this.now, (now) => Math.floor(now / DAY) * DAY);
    this.readsToday = new RateWindow(options.readsPerDay ?? 1000, DAY, this.now, (now) => Math.floor(now / DAY) * DAY);
  }

  /** Starts a stand-in on 127.0.0.1 and an ephemeral port. */
  static start(options: LinkedinStandinOptions = {}): Promise<LinkedinStandin> {
    return new LinkedinStandin(options).listen();
  }

  /** The member's URN, `urn:li:person:<sub>`. */
  get person(): string {
    return `urn:li:person:${this.member.sub}`;
  }

  /** Sets what people did with a post. */
  engage(urn: string, engagement: LinkedinEngagement): void {
    this.engagement.set(urn, engagement);
  }

  /** Deletes a post, as its author would in the app. */
  deletePost(urn: string): void {
    const i = this.posts.findIndex((p) => p.id === urn);
    if (i >= 0) this.posts.splice(i, 1);
  }

  /** From now on the token is expired (LinkedIn's last 60 days). */
  expireToken(): void {
    this.expired = true;
  }

  protected override handle(request: RecordedRequest): Answer {
    const token = bearer(request);
    if (token !== this.token) return error(401, 'Invalid access token', 65600);
    if (this.expired) return error(401, 'Expired access token', 65601);
    const endpoint = `${request.method} ${request.pathname}`;
    if (endpoint === 'GET /v2/userinfo') return { status: 200, body: { sub: this.member.sub, name: this.member.name, given_name: this.member.name.split(' ')[0], family_name: this.member.name.split(' ').slice(1).join(' '), locale: { country: 'FR', language: 'fr' } } };
    if (request.method === 'PUT' && request.pathname.startsWith('/dms-uploads/')) return this.receive(request);
    if (request.pathname.startsWith('/rest/')) {
      const version = request.headers['linkedin-version'];
      if (version === undefined || !/^\d{6}$/.test(version)) return error(400, 'A version must be present. Please specify a version by adding the LinkedIn-Version header.', 400);
      if (request.headers['x-restli-protocol-version'] !== '2.0.0') return error(400, 'X-Restli-Protocol-Version 2.0.0 is required.', 400);
      if (request.method === 'GET') return this.readsToday.take() ? this.read(request, version) : error(429, 'Resource level throttle APPLICATION DAY limit for calls to this resource is reached.', 101);
      const body = jsonBody(request);
      if (typeof body !== 'object' || body === null) return error(400, 'The request body is not a JSON object.', 400);
      if (endpoint === 'POST /rest/images' && request.query.get('action') === 'initializeUpload') return this.initialize(body as Record<string, unknown>);
      if (endpoint === 'POST /rest/posts') {
        if (!this.postsToday.take()) return error(429, 'Resource level throttle APPLICATION DAY limit for calls to this resource is reached.', 101);
        return this.createPost(body as Record<string, unknown>);
      }
    }
    return error(404, `No resource ${endpoint}.`, 404);
  }

  /** The read endpoints: social actions, share statistics, network sizes. */
  private read(request: RecordedRequest, version: string): Answer {
    const [, , resource, key] = request.pathname.split('/');
    const urn = key === undefined ? undefined : decodeURIComponent(key);
    if (resource === 'socialActions' && urn !== undefined) return this.socialActions(urn, version);
    if (resource === 'organizationalEntityShareStatistics' && key === undefined) return this.shareStatistics(request.query);
    if (resource === 'networkSizes' && urn !== undefined) {
      if (request.query.get('edgeType') !== 'COMPANY_FOLLOWED_BY_MEMBER') return error(400, `Invalid edgeType ${request.query.get('edgeType') ?? ''}.`, 100);
      return this.organizations.includes(urn) ? { status: 200, body: { firstDegreeSize: this.followers } } : error(404, 'Not Found', 0);
    }
    return error(404, `No resource GET ${request.pathname}.`, 404);
  }

  private socialActions(urn: string, version: string): Answer {
    const post = this.posts.find((p) => p.id === urn);
    if (!post) return error(404, 'Not Found', 0);
    const allowed = post.author === this.person ? this.readMemberSocial : this.mayActFor(post.author);
    if (!allowed) return error(403, `Not enough permissions to access: socialActions.GET.${version}`, 100);
    const e = this.done(urn);
    return { status: 200, body: { target: urn, likesSummary: { totalLikes: e.likes, aggregatedTotalLikes: e.likes, likedByCurrentUser: false }, commentsSummary: { totalFirstLevelComments: e.comments, aggregatedTotalComments: e.comments + e.replies } } };
  }

  private shareStatistics(query: URLSearchParams): Answer {
    const org = query.get('organizationalEntity') ?? '';
    if (query.get('q') !== 'organizationalEntity') return error(400, 'Parameter q must be organizationalEntity.', 100);
    if (!this.organizations.includes(org)) return error(403, `Not enough permissions to access: organizationalEntityShareStatistics.FINDER-organizationalEntity for ${org}`, 100);
    const stats = (urns: readonly string[]) => {
      const e = urns.map((u) => this.done(u)).reduce((a, b) => ({ likes: a.likes + b.likes, comments: a.comments + b.comments, replies: a.replies + b.replies, impressions: a.impressions + b.impressions, shares: a.shares + b.shares }), { likes: 0, comments: 0, replies: 0, impressions: 0, shares: 0 });
      const engagement = e.impressions === 0 ? 0 : (e.likes + e.comments + e.shares) / e.impressions;
      return { impressionCount: e.impressions, uniqueImpressionsCount: Math.floor(e.impressions * 0.8), clickCount: 0, likeCount: e.likes, commentCount: e.comments, shareCount: e.shares, commentMentionsCount: 0, shareMentionsCount: 0, engagement };
    };
    const recent = this.posts.filter((p) => p.author === org && p.createdAt > this.now() - YEAR);
    const listed = [...listOf(query.get('shares')).map((u) => ['share', u] as const), ...listOf(query.get('ugcPosts')).map((u) => ['ugcPost', u] as const)];
    const elements =
      listed.length === 0
        ? [{ organizationalEntity: org, totalShareStatistics: stats(recent.map((p) => p.id)) }]
        : listed.filter(([, u]) => recent.some((p) => p.id === u)).map(([kind, u]) => ({ organizationalEntity: org, [kind]: u, totalShareStatistics: stats([u]) }));
    return { status: 200, body: { paging: { count: 10, start: 0, links: [] }, elements } };
  }

  /** What people did with a post, 0 where not engaged. */
  private done(urn: string): Required<LinkedinEngagement> {
    return { likes: 0, comments: 0, replies: 0, impressions: 0, shares: 0, ...this.engagement.get(urn) };
  }

  private initialize(body: Record<string, unknown>): Answer {
    const owner = (body['initializeUploadRequest'] as { owner?: unknown } | undefined)?.owner;
    if (typeof owner !== 'string') return error(422, 'ERROR :: /initializeUploadRequest/owner :: field is required but not found and has no default value', 100);
    if (!this.mayActFor(owner)) return error(403, `Not enough permissions to upload images for ${owner}.`, 100);
    const n = this.next++;
    const image: LinkedinStoredImage = { id: `urn:li:image:D4E10AQ${String(n).padStart(8, '0')}`, owner, uploadPath: `/dms-uploads/image-${n}` };
    this.images.set(image.id, image);
    return { status: 200, body: { value: { uploadUrlExpiresAt: this.now() + DAY, uploadUrl: this.url + image.uploadPath, image: image.id } } };
  }

  private receive(request: RecordedRequest): Answer {
    const image = [...this.images.values()].find((i) => i.uploadPath === request.pathname);
    if (!image) return error(404, 'No such upload.', 404);
    image.bytes = request.body;
    return { status: 201 };
  }

  private createPost(body: Record<string, unknown>): Answer {
    const missing = REQUIRED.find((field) => body[field] === undefined);
    if (missing) return error(422, `ERROR :: /${missing} :: field is required but not found and has no default value`, 100);
    const { author, commentary } = body;
    if (typeof author !== 'string' || typeof commentary !== 'string') return error(422, 'ERROR :: /author, /commentary :: must be strings', 100);
    if (!this.mayActFor(author)) return error(403, `Not enough permissions to post as ${author}.`, 100);
    const { shown, cut } = readLittleText(commentary);
    const length = [...new Intl.Segmenter().segment(shown)].length;
    if (length > 3000) return error(422, `ERROR :: /commentary :: length ${length} exceeds maximum length of 3000`, 100);
    const images = this.contentImages(body['content']);
    if (typeof images === 'string') return error(422, images, 100);
    for (const { image } of images) {
      if (image.owner !== author) return error(422, `ERROR :: /content :: ${image.id} is not owned by ${author}`, 100);
      if (!image.bytes) return error(422, `ERROR :: /content :: ${image.id} was never uploaded`, 100);
    }
    const id = `urn:li:share:74${String(this.next++).padStart(17, '0')}`;
    this.posts.push({ id, author, commentary, shown, cut, images, body, createdAt: this.now() });
    return { status: 201, headers: { 'x-restli-id': id } };
  }

  /** The images a post's `content` names, or why they are refused. */
  private contentImages(content: unknown): LinkedinPost['images'] | string {
    if (content === undefined) return [];
    const { media, multiImage } = content as { media?: unknown; multiImage?: { images?: unknown } };
    const entries = media !== undefined ? [media] : multiImage?.images;
    if (!Array.isArray(entries)) return 'ERROR :: /content :: unsupported content';
    if (multiImage !== undefined && (entries.length < 2 || entries.length > 20)) return `ERROR :: /content/multiImage/images :: ${entries.length} images, 2 to 20 expected`;
    const images: Array<{ image: LinkedinStoredImage; altText?: string }> = [];
    for (const entry of entries) {
      const { id, altText } = entry as { id?: unknown; altText?: unknown };
      const image = typeof id === 'string' ? this.images.get(id) : undefined;
      if (!image) return `ERROR :: /content :: unknown image ${JSON.stringify(id)}`;
      images.push({ image, ...(typeof altText === 'string' ? { altText } : {}) });
    }
    return images;
  }

  private mayActFor(urn: string): boolean {
    return urn === this.person || this.organizations.includes(urn);
  }
}

/**
 * The text LinkedIn shows for a little-text commentary: escapes read, `{hashtag|\#|tag}` shown
 * as `#tag`, `@[Name](urn:li:…)` as `Name`, and the text cut at the first unescaped reserved
 * character (see the header).
 *
 * @example readLittleText('Nova \\(enfin\\) {hashtag|\\#|Lancement}') // { shown: 'Nova (enfin) #Lancement', cut: false }
 */
export function readLittleText(commentary: string): { shown: string; cut: boolean } {
  let shown = '';
  for (let i = 0; i < commentary.length; ) {
    const rest = commentary.slice(i);
    const hashtag = /^\{hashtag\|\\#\|((?:\\.|[^\\{}|])+)\}/.exec(rest);
    const mention = /^@\[((?:\\.|[^\\\]])*)\]\((urn:li:(?:person|organization):[^)\s]+)\)/.exec(rest);
    if (rest[0] === '\\' && rest.length > 1) {
      shown += rest[1];
      i += 2;
    } else if (hashtag) {
      shown += `#${unescape(hashtag[1]!)}`;
      i += hashtag[0].length;
    } else if (mention) {
      shown += unescape(mention[1]!);
      i += mention[0].length;
    } else if ('\\|{}@[]()<>#*_~'.includes(rest[0]!)) {
      return { shown, cut: true };
    } else {
      shown += rest[0];
      i += 1;
    }
  }
  return { shown, cut: false };
}

/** The URNs of a Rest.li 2.0 `List(…)` parameter, each URL-decoded. */
function listOf(value: string | null): string[] {
  const inner = /^List\((.*)\)$/.exec(value ?? '')?.[1];
  return inner ? inner.split(',').map((u) => decodeURIComponent(u)) : [];
}

function unescape(text: string): string {
  return text.replace(/\\(.)/g, '$1');
}

function error(status: number, message: string, serviceErrorCode: number): Answer {
  return { status, body: { message, serviceErrorCode, status } };
}
