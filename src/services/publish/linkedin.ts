import type { SentPart } from '../../core/model';
import type { PlatformSettings } from '../../core/platforms/types';
import type { HttpRequest, HttpResponse } from '../../core/ports';
import { linkedinImages, linkedinPostBody, type LinkedinImage } from '../../core/publish/linkedin';
import { call, failure, field, jsonOf } from './failures';
import { localError, loginOnce, type Account, type Outgoing, type OutgoingMedia, type SendError, type Sender, type SenderPorts } from './sender';

/** Where LinkedIn's API is, unless `platforms.linkedin.service` names another address (a stand-in's, in tests). */
export const LINKEDIN_API = 'https://api.linkedin.com';

/** The API version asked for: LinkedIn keeps each monthly version for a year, bump it before. */
export const LINKEDIN_VERSION = '202610';

const AUTHOR = /^urn:li:(person|organization):[^\s:]+$/;
const DAY_MS = 86_400_000;

interface Session {
  readonly token: string;
  readonly author: string;
  readonly account: Account;
}

/**
 * The LinkedIn sender, on the versioned Posts API (`POST /rest/posts`) with a member's OAuth
 * token (`linkedin/access-token`). The author is `platforms.linkedin.account.handle` (a
 * `urn:li:person:…` or `urn:li:organization:…`), else the member the token belongs to
 * (`GET /v2/userinfo`). Images go through the Images API (initialise, then PUT the bytes) and
 * into the post with their alt text. One part only: LinkedIn has no threads. LinkedIn has no
 * idempotency key: the sender is not idempotent.
 *
 * @example const sender = linkedinSender(config.platforms.linkedin ?? {}, { http: retrying(new NodeHttp(), clock), secrets, clock })
 */
export function linkedinSender(settings: PlatformSettings, ports: SenderPorts): Sender {
  const base = (settings.service ?? LINKEDIN_API).replace(/\/+$/, '');
  const configured = settings.account?.handle;

  async function ask(token: string, request: HttpRequest): Promise<HttpResponse> {
    const response = await call(ports.http, request, token);
    if (response.status >= 200 && response.status < 300) return response;
    throw fail(response, token);
  }

  function fail(response: HttpResponse, token: string): SendError {
    // LinkedIn publishes no rate-limit headers; its daily limits reset at midnight UTC.
    const now = ports.clock.now();
    return failure(response, linkedinMessage(response), now, token, Math.floor(now / DAY_MS + 1) * DAY_MS);
  }

  function rest(token: string, path: string, body: unknown): HttpRequest {
    return {
      method: 'POST',
      url: base + path,
      headers: { authorization: `Bearer ${token}`, 'linkedin-version': LINKEDIN_VERSION, 'x-restli-protocol-version': '2.0.0', 'content-type': 'application/json' },
      body: JSON.stringify(body),
    };
  }

  const connected = loginOnce(async (): Promise<Session> => {
    if (configured !== undefined && !AUTHOR.test(configured)) throw localError('rejected', 'publish.linkedin-author', { network: 'LinkedIn', handle: configured });
    const token = await ports.secrets.get('linkedin', 'access-token');
    if (!token) throw localError('auth', 'publish.no-credentials', { network: 'LinkedIn' });
    const me = await call(ports.http, { method: 'GET', url: `${base}/v2/userinfo`, headers: { authorization: `Bearer ${token}` } }, token);
    if (configured !== undefined) {
      // The token is checked; a 403 only says it lacks the `openid profile` scopes, which posting
      // as a configured author does not need.
      if (me.status !== 403 && (me.status < 200 || me.status >= 300)) throw fail(me, token);
      const id = configured.slice(configured.lastIndexOf(':') + 1);
      const url = configured.startsWith('urn:li:organization:') ? `https://www.linkedin.com/company/${id}/` : undefined;
      return { token, author: configured, account: { name: settings.account?.name ?? configured, ...(url ? { url } : {}) } };
    }
    if (me.status < 200 || me.status >= 300) throw fail(me, token);
    const info = jsonOf(me);
    const sub = field(info, 'sub');
    if (typeof sub !== 'string' || sub === '') throw localError('server', 'publish.incomplete-answer', { network: 'LinkedIn', field: 'sub' }, me.status);
    const name = field(info, 'name');
    const author = `urn:li:person:${sub}`;
    return { token, author, account: { name: typeof name === 'string' && name !== '' ? name : author } };
  });

  /** Uploads one image for `owner` and gives its `urn:li:image:…`. */
  async function upload(token: string, owner: string, item: OutgoingMedia): Promise<string> {
    const init = await ask(token, rest(token, '/rest/images?action=initializeUpload', { initializeUploadRequest: { owner } }));
    const value = field(jsonOf(init), 'value');
    const uploadUrl = field(value, 'uploadUrl');
    const image = field(value, 'image');
    if (typeof uploadUrl !== 'string' || typeof image !== 'string') {
      throw localError('server', 'publish.incomplete-upload', { network: 'LinkedIn', file: item.file, field: 'value.uploadUrl, value.image' }, init.status);
    }
    const bytes = await item.bytes();
    // The token goes to LinkedIn's own hosts only, whatever address the answer gave.
    const headers: Record<string, string> = { 'content-type': item.mime, ...(ownHost(uploadUrl, base) ? { authorization: `Bearer ${token}` } : {}) };
    await ask(token, { method: 'PUT', url: uploadUrl, headers, body: bytes });
    return image;
  }

  return {
    network: 'linkedin',
    idempotent: false,
    async connect() {
      return (await connected()).account;
    },
    async send(post: Outgoing, sent: (part: SentPart) => Promise<void>) {
      const { token, author } = await connected();
      const part = post.parts[0];
      if (part === undefined || post.sent.length > 0) return;
      const images: Array<LinkedinImage<string>> = [];
      // A post carries a poll or images: none are uploaded for a poll.
      if (!post.meta.poll) for (const item of linkedinImages(post.media)) images.push({ id: await upload(token, author, item), altText: item.alt });
      const answer = await ask(token, rest(token, '/rest/posts', linkedinPostBody(part, author, images, post.meta.poll)));
      const header = answer.headers['x-restli-id'];
      // The post exists but its id is unknown: as uncertain as no answer at all.
      if (!header) throw localError('no-answer', 'publish.no-post-id', { network: 'LinkedIn', field: 'x-restli-id' }, answer.status);
      const id = header.includes('%') ? decodeURIComponent(header) : header;
      await sent({ id, url: `https://www.linkedin.com/feed/update/${id}/` });
    },
  };
}

/** LinkedIn's own words for an error answer: `{ message, status, serviceErrorCode }`. */
function linkedinMessage(response: HttpResponse): string | undefined {
  const message = field(jsonOf(response), 'message');
  return typeof message === 'string' ? message : undefined;
}

/** Whether an upload address is LinkedIn's (or the configured API's, for a stand-in). */
function ownHost(url: string, base: string): boolean {
  try {
    const target = new URL(url);
    if (target.origin === new URL(base).origin) return true;
    return target.protocol === 'https:' && (target.hostname === 'linkedin.com' || target.hostname.endsWith('.linkedin.com'));
  } catch {
    return false;
  }
}
