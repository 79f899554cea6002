import { mastodon, MASTODON_DEFAULT_MAX, MASTODON_URL_WEIGHT } from '../../core/platforms/mastodon';
import type { PlatformSettings } from '../../core/platforms/types';
import type { HttpRequest, HttpResponse } from '../../core/ports';
import { mastodonStatus } from '../../core/publish/mastodon';
import type { Poll } from '../../core/model';
import type { PartDetail } from '../../core/render';
import { call, failure, field, jsonOf } from './failures';
import { multipartBody } from './multipart';
import { localError, loginOnce, SendError, type Account, type OutgoingMedia, type Sender, type SenderPorts } from './sender';

/** What an instance allows, from `GET /api/v2/instance` (`configuration`). */
export interface MastodonLimits {
  readonly maxCharacters: number;
  readonly charactersReservedPerUrl: number;
  readonly maxMediaAttachments: number;
  /** Longest media description, in characters (`media_attachments.description_limit`). */
  readonly descriptionLimit: number;
  /** `configuration.polls` as the instance gave it (`max_options`, `max_characters_per_option`, `min_expiration`, `max_expiration`). */
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
  /** A call to the instance's API (`url` is the path), an error unless its status is in `ok`. */
  api(request: HttpRequest, ok?: readonly number[]): Promise<HttpResponse>;
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
  const session = loginOnce(() => open(settings, ports));
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
      check(post.parts, from, media, s, from === 0 ? post.meta.poll : undefined);
      const mediaIds: string[] = [];
      for (const m of media) mediaIds.push(await upload(s, m, post.key, ports));
      let previous = post.sent[from - 1]?.id;
      for (let i = from; i < post.parts.length; i++) {
        const body = mastodonStatus(post.parts[i]!, post.meta, { media: i === 0 ? mediaIds : [], ...(previous !== undefined ? { inReplyTo: previous } : {}), poll: i === 0 ? post.meta.poll : undefined }, settings.visibility);
        const response = await s.api({
          method: 'POST',
          url: '/api/v1/statuses',
          headers: { 'content-type': 'application/json', 'idempotency-key': `${post.key}-${i + 1}` },
          body: JSON.stringify(body),
        });
        const status = jsonOf(response);
        const id = text(status, 'id');
        if (id === undefined) throw localError('server', 'publish.incomplete-answer', { network: 'Mastodon', field: 'id' }, response.status);
        const url = text(status, 'url');
        await sent(url !== undefined ? { id, url } : { id });
        previous = id;
      }
    },
  };
}

async function open(settings: PlatformSettings, ports: SenderPorts): Promise<Session> {
  const base = settings.instance;
  if (!base) throw localError('rejected', 'publish.mastodon-no-instance', { network: 'Mastodon' });
  const token = await ports.secrets.get('mastodon', 'access-token');
  if (!token) throw localError('auth', 'publish.no-credentials', { network: 'Mastodon' });
  const api = async (request: HttpRequest, ok: readonly number[] = [200]): Promise<HttpResponse> => {
    const response = await call(ports.http, { ...request, url: base + request.url, headers: { accept: 'application/json', authorization: `Bearer ${token}`, ...request.headers } }, token);
    if (!ok.includes(response.status)) throw mastodonFailure(response, ports.clock.now(), token);
    return response;
  };
  const credentials = await api({ method: 'GET', url: '/api/v1/accounts/verify_credentials' });
  const me = jsonOf(credentials);
  // Before 4.0 there is no /api/v2/instance: Mastodon's defaults then.
  const instanceResponse = await api({ method: 'GET', url: '/api/v2/instance' }, [200, 404]);
  const instance = instanceResponse.status === 200 ? jsonOf(instanceResponse) : undefined;
  const domain = text(instance, 'domain') ?? new URL(base).host;
  const acct = text(me, 'acct') ?? text(me, 'username');
  if (acct === undefined) throw localError('server', 'publish.incomplete-answer', { network: 'Mastodon', field: 'acct' }, credentials.status);
  const url = text(me, 'url');
  const account: Account = { name: acct.includes('@') ? `@${acct}` : `@${acct}@${domain}`, ...(url !== undefined ? { url } : {}) };
  return { account, limits: limitsOf(instance), domain, api };
}

/** The limits in `GET /api/v2/instance`, Mastodon's defaults where it says nothing. */
function limitsOf(instance: unknown): MastodonLimits {
  const configuration = field(instance, 'configuration');
  const statuses = field(configuration, 'statuses');
  const media = field(configuration, 'media_attachments');
  const pollSettings = field(configuration, 'polls');
  const polls: Record<string, number> = {};
  for (const name of Object.keys(Object(pollSettings))) {
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
function check(parts: readonly PartDetail[], from: number, media: readonly OutgoingMedia[], s: Session, poll: Poll | undefined): void {
  const { limits, domain } = s;
  for (let i = from; i < parts.length; i++) {
    const measure = mastodon.measure(parts[i]!.text, { maxCharacters: limits.maxCharacters, charactersReservedPerUrl: limits.charactersReservedPerUrl });
    if (measure.length > measure.limit) {
      const size = { network: 'Mastodon', length: measure.length, instance: domain, max: measure.limit };
      throw parts.length > 1 ? localError('rejected', 'publish.part-too-long', { ...size, index: i + 1, of: parts.length }) : localError('rejected', 'publish.post-too-long', size);
    }
  }
  if (media.length > limits.maxMediaAttachments) {
    throw localError('rejected', 'publish.too-many-media', { network: 'Mastodon', count: media.length, instance: domain, max: limits.maxMediaAttachments });
  }
  for (const m of media) {
    // Mastodon measures a description as Ruby does a string: in code points.
    const length = [...m.alt].length;
    if (length > limits.descriptionLimit) {
      throw localError('rejected', 'publish.alt-too-long', { network: 'Mastodon', file: m.file, length, instance: domain, max: limits.descriptionLimit });
    }
  }
  // The instance's own poll limits (the check knows Mastodon's defaults only).
  if (poll) {
    const { max_options, max_characters_per_option, min_expiration, max_expiration } = limits.polls;
    const seconds = poll.duration / 1000;
    const tooLong = max_characters_per_option !== undefined && poll.options.some((o) => [...o].length > max_characters_per_option);
    if ((max_options !== undefined && poll.options.length > max_options) || tooLong || (min_expiration !== undefined && seconds < min_expiration) || (max_expiration !== undefined && seconds > max_expiration)) {
      throw localError('rejected', 'publish.poll-instance', { network: 'Mastodon', instance: domain, options: max_options ?? 4, characters: max_characters_per_option ?? 50 });
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
  const answer = await s.api({ method: 'POST', url: '/api/v2/media', headers: { 'content-type': contentType }, body }, [200, 202]);
  const uploaded = jsonOf(answer);
  const id = text(uploaded, 'id');
  if (id === undefined) throw localError('server', 'publish.incomplete-upload', { network: 'Mastodon', file: media.file, field: 'id' }, answer.status);
  // 202 (and 206 when polled) means still processing: `url` stays null until it is done.
  for (let poll = 0, ready = text(uploaded, 'url') !== undefined; !ready; poll++) {
    if (poll >= MEDIA_POLLS) throw localError('server', 'publish.media-processing', { network: 'Mastodon', instance: s.domain, file: media.file, checks: MEDIA_POLLS });
    await ports.clock.sleep(pollWait(poll));
    const response = await s.api({ method: 'GET', url: `/api/v1/media/${encodeURIComponent(id)}` }, [200, 206]);
    ready = response.status === 200 && text(jsonOf(response), 'url') !== undefined;
  }
  return id;
}

/**
 * A failed answer as every sender maps it, in Mastodon's words (`{"error": "…"}`), never with
 * the token; and a 403 about the login (disabled, unconfirmed, pending) or the token's scopes is
 * for the account to fix: `auth`.
 */
function mastodonFailure(response: HttpResponse, now: number, token: string): SendError {
  const error = failure(response, text(jsonOf(response), 'error'), now, token);
  return error.status === 403 && /login|scope/i.test(error.networkMessage) ? new SendError('auth', error.networkMessage, 403) : error;
}

/** A string property (ids are strings in Mastodon's API), undefined when absent or null. */
function text(value: unknown, name: string): string | undefined {
  const v = field(value, name);
  return typeof v === 'string' ? v : undefined;
}

/** A whole number property, at least 0, undefined otherwise. */
function count(value: unknown, name: string): number | undefined {
  const v = field(value, name);
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : undefined;
}
