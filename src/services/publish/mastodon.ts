import { mastodon, MASTODON_DEFAULT_MAX, MASTODON_URL_WEIGHT } from '../../core/platforms/mastodon';
import type { PlatformSettings } from '../../core/platforms/types';
import { HttpFailure, type HttpRequest, type HttpResponse } from '../../core/ports';
import { mastodonStatus } from '../../core/publish/mastodon';
import type { PartDetail } from '../../core/render';
import { multipartBody } from './multipart';
import { retryAt } from './retry';
import { SendError, type Account, type OutgoingMedia, type Sender, type SenderPorts } from './sender';

/** What an instance allows, from `GET /api/v2/instance` (`configuration`). */
export interface MastodonLimits {
  readonly maxCharacters: number;
  readonly charactersReservedPerUrl: number;
  readonly maxMediaAttachments: number;
  /** Longest media description, in characters (`media_attachments.description_limit`). */
  readonly descriptionLimit: number;
  /** `configuration.polls` as the instance gave it: kept for posts with polls (the model has none yet). */
  readonly polls: Readonly<Record<string, number>>;
}

/** Mastodon's own defaults, for an instance that does not say (`/api/v2/instance` came in 4.0). */
const DEFAULT_MEDIA = 4;
const DEFAULT_DESCRIPTION = 1500;

/** Checks of `GET /api/v1/media/:id` before giving up on media still processing (≈ 90 s in all). */
export const MEDIA_POLLS = 20;
const pollWait = (poll: number) => Math.min(1000 * (poll + 1), 5000);

interface Session {
  readonly account: Account;
  readonly limits: MastodonLimits;
  /** The instance's domain, as people see it in handles. */
  readonly domain: string;
  call(request: HttpRequest, ok?: readonly number[]): Promise<HttpResponse>;
}

/**
 * The Mastodon sender: statuses on `settings.instance` with the `mastodon/access-token` secret.
 * `connect` reads the account and the instance's limits once; `send` checks every part against
 * them before any request, uploads the media (`POST /api/v2/media`, then polls while it is
 * processed), then posts each part (`POST /api/v1/statuses`) as a reply to the one before. Each
 * status carries `Idempotency-Key: <post.key>-<part number>`: Mastodon keeps keys an hour and
 * answers a repeated one with the status it made, so a run cut mid-call is simply run again.
 *
 * @example mastodonSender({ instance: 'https://mastodon.social' }, { http: retrying(new NodeHttp(), clock), secrets, clock })
 */
export function mastodonSender(settings: PlatformSettings, ports: SenderPorts): Sender {
  let opening: Promise<Session> | undefined;
  const session = () => {
    opening ??= open(settings, ports).catch((error: unknown) => {
      opening = undefined; // a failed login is tried again by the next call
      throw error;
    });
    return opening;
  };
  return {
    network: 'mastodon',
    idempotent: true,
    async connect() {
      return (await session()).account;
    },
    async send(post, sent) {
      const s = await session();
      const from = post.sent.length;
      if (from >= post.parts.length) return;
      const media = from === 0 ? post.media : [];
      check(post.parts, from, media, s);
      const mediaIds: string[] = [];
      for (const m of media) mediaIds.push(await upload(s, m, post.key, ports));
      let previous = post.sent[from - 1]?.id;
      for (let i = from; i < post.parts.length; i++) {
        const body = mastodonStatus(post.parts[i]!, post.meta, { media: i === 0 ? mediaIds : [], ...(previous !== undefined ? { inReplyTo: previous } : {}) });
        const response = await s.call({
          method: 'POST',
          url: '/api/v1/statuses',
          headers: { 'content-type': 'application/json', 'idempotency-key': `${post.key}-${i + 1}` },
          body: JSON.stringify(body),
        });
        const status = json(response);
        const id = text(status, 'id');
        if (id === undefined) throw new SendError('server', 'Mastodon answered without the status id.', response.status);
        const url = text(status, 'url');
        await sent(url !== undefined ? { id, url } : { id });
        previous = id;
      }
    },
  };
}

async function open(settings: PlatformSettings, ports: SenderPorts): Promise<Session> {
  const base = settings.instance;
  if (!base) throw new SendError('rejected', 'No Mastodon instance: set platforms.mastodon.instance in .editorial.yaml.');
  const token = await ports.secrets.get('mastodon', 'access-token');
  if (!token) throw new SendError('auth', 'No Mastodon access token.');
  const call = async (request: HttpRequest, ok: readonly number[] = [200]): Promise<HttpResponse> => {
    let response: HttpResponse;
    try {
      response = await ports.http.request({ ...request, url: base + request.url, headers: { accept: 'application/json', authorization: `Bearer ${token}`, ...request.headers } });
    } catch (error) {
      if (error instanceof HttpFailure) throw new SendError('no-answer', error.detail);
      throw error;
    }
    if (!ok.includes(response.status)) throw failure(response, ports.clock.now(), token);
    return response;
  };
  const me = json(await call({ method: 'GET', url: '/api/v1/accounts/verify_credentials' }));
  // Before 4.0 there is no /api/v2/instance: Mastodon's defaults then.
  const instanceResponse = await call({ method: 'GET', url: '/api/v2/instance' }, [200, 404]);
  const instance = instanceResponse.status === 200 ? json(instanceResponse) : undefined;
  const domain = text(instance, 'domain') ?? new URL(base).host;
  const acct = text(me, 'acct') ?? text(me, 'username');
  if (acct === undefined) throw new SendError('server', 'Mastodon answered without the account.');
  const url = text(me, 'url');
  const account: Account = { name: acct.includes('@') ? `@${acct}` : `@${acct}@${domain}`, ...(url !== undefined ? { url } : {}) };
  return { account, limits: limitsOf(instance), domain, call };
}

/** The limits in `GET /api/v2/instance`, Mastodon's defaults where it says nothing. */
function limitsOf(instance: unknown): MastodonLimits {
  const configuration = field(instance, 'configuration');
  const statuses = field(configuration, 'statuses');
  const media = field(configuration, 'media_attachments');
  const pollSettings = field(configuration, 'polls');
  const polls: Record<string, number> = {};
  for (const name of Object.keys(pollSettings ?? {})) {
    const n = count(pollSettings, name);
    if (n !== undefined) polls[name] = n;
  }
  return {
    maxCharacters: count(statuses, 'max_characters') ?? MASTODON_DEFAULT_MAX,
    charactersReservedPerUrl: count(statuses, 'characters_reserved_per_url') ?? MASTODON_URL_WEIGHT,
    maxMediaAttachments: count(statuses, 'max_media_attachments') ?? DEFAULT_MEDIA,
    descriptionLimit: count(media, 'description_limit') ?? DEFAULT_DESCRIPTION,
    polls,
  };
}

/** Refuses, before any request, what this instance would refuse: a part too long, too many media, a long description. */
function check(parts: readonly PartDetail[], from: number, media: readonly OutgoingMedia[], s: Session): void {
  const { limits, domain } = s;
  for (let i = from; i < parts.length; i++) {
    const measure = mastodon.measure(parts[i]!.text, { maxCharacters: limits.maxCharacters, charactersReservedPerUrl: limits.charactersReservedPerUrl });
    if (measure.length > measure.limit) {
      const which = parts.length > 1 ? `Part ${i + 1} of ${parts.length}` : 'The post';
      throw new SendError('rejected', `${which} is ${measure.length} characters long as Mastodon counts; ${domain} allows ${measure.limit}.`);
    }
  }
  if (media.length > limits.maxMediaAttachments) {
    throw new SendError('rejected', `The post has ${media.length} media files; ${domain} allows ${limits.maxMediaAttachments} per post.`);
  }
  for (const m of media) {
    // Mastodon measures a description as Ruby does a string: in code points.
    const length = [...m.alt].length;
    if (length > limits.descriptionLimit) {
      throw new SendError('rejected', `The description of ${m.file} is ${length} characters long; ${domain} allows ${limits.descriptionLimit}.`);
    }
  }
}

/** Uploads one media file and waits, on the clock, until Mastodon has processed it; its id. */
async function upload(s: Session, media: OutgoingMedia, key: string, ports: SenderPorts): Promise<string> {
  const filename = media.file.slice(media.file.lastIndexOf('/') + 1);
  const { contentType, body } = multipartBody(
    [{ name: 'file', filename, type: media.mime, bytes: await media.bytes() }, ...(media.alt ? [{ name: 'description', value: media.alt }] : [])],
    key,
  );
  const uploaded = json(await s.call({ method: 'POST', url: '/api/v2/media', headers: { 'content-type': contentType }, body }, [200, 202]));
  const id = text(uploaded, 'id');
  if (id === undefined) throw new SendError('server', `Mastodon answered the upload of ${media.file} without its id.`);
  // 202 (and 206 when polled) means still processing: `url` stays null until it is done.
  for (let poll = 0, ready = text(uploaded, 'url') !== undefined; !ready; poll++) {
    if (poll >= MEDIA_POLLS) throw new SendError('server', `${s.domain} was still processing ${media.file} after ${MEDIA_POLLS} checks.`);
    await ports.clock.sleep(pollWait(poll));
    const response = await s.call({ method: 'GET', url: `/api/v1/media/${encodeURIComponent(id)}` }, [200, 206]);
    ready = response.status === 200 && text(json(response), 'url') !== undefined;
  }
  return id;
}

/**
 * A failed answer as a `SendError`, in Mastodon's words (`{"error": "…"}`), never with the token
 * (redacted should a proxy echo it back).
 */
function failure(response: HttpResponse, now: number, token: string): SendError {
  const { status } = response;
  const said = text(json(response), 'error') ?? `HTTP ${status}`;
  const message = said.split(token).join('[access token]');
  if (status === 401) return new SendError('auth', message, status);
  // A 403 about the login (disabled, unconfirmed, pending) or the token's scopes is for the account to fix.
  if (status === 403 && /login|scope/i.test(message)) return new SendError('auth', message, status);
  if (status === 429) return new SendError('rate-limited', message, status, retryAt(response, now));
  if (status === 504) return new SendError('no-answer', message, status);
  if (status >= 500) return new SendError('server', message, status);
  return new SendError('rejected', message, status);
}

function json(response: HttpResponse): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(response.body)) as unknown;
  } catch {
    return undefined;
  }
}

function field(value: unknown, name: string): Record<string, unknown> | undefined {
  const v = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[name] : undefined;
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/** A string property (ids are strings in Mastodon's API), undefined when absent or null. */
function text(value: unknown, name: string): string | undefined {
  const v = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[name] : undefined;
  return typeof v === 'string' ? v : undefined;
}

function count(value: Record<string, unknown> | undefined, name: string): number | undefined {
  const v = value?.[name];
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : undefined;
}
