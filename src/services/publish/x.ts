import type { SentPart } from '../../core/model';
import type { PlatformSettings } from '../../core/platforms/types';
import type { HttpResponse } from '../../core/ports';
import { xMedia, xTweetBody } from '../../core/publish/x';
import { base64 } from './base64';
import { call, failure, field, jsonOf } from './failures';
import { localError, loginOnce, type Account, type Outgoing, type OutgoingMedia, type Sender, type SenderPorts } from './sender';

/** Where X's API is, unless `platforms.x.service` names another address (a stand-in's, in tests). */
export const X_API = 'https://api.x.com';

interface Session {
  readonly token: string;
  readonly username: string;
  readonly account: Account;
}

/**
 * The X sender, on the API v2 with an OAuth 2.0 user-context token (`x/access-token`, scopes
 * `tweet.write users.read media.write`): images are uploaded first (`POST /2/media/upload`, the
 * one-shot upload of X's current docs, base64 in a JSON body, then `POST /2/media/metadata` for
 * alt text), then one `POST /2/tweets` per part, each replying to the one before (a re-run
 * replies to the last part already sent). X has no idempotency key and answers a repeated text
 * with a 403 that does not give the existing id: the sender is not idempotent, the publisher
 * records each part before the next call and never re-sends blindly.
 *
 * @example const sender = xSender(config.platforms.x ?? {}, { http: retrying(new NodeHttp(), clock), secrets, clock })
 */
export function xSender(settings: PlatformSettings, ports: SenderPorts): Sender {
  const base = (settings.service ?? X_API).replace(/\/+$/, '');

  async function api(token: string, method: 'GET' | 'POST', path: string, body?: unknown): Promise<HttpResponse> {
    const response = await call(
      ports.http,
      {
        method,
        url: base + path,
        headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      },
      token,
    );
    if (response.status >= 200 && response.status < 300) return response;
    throw failure(response, xMessage(response), ports.clock.now(), token);
  }

  const connected = loginOnce(async (): Promise<Session> => {
    const token = await ports.secrets.get('x', 'access-token');
    if (!token) throw localError('auth', 'publish.no-credentials', { network: 'X' });
    const me = await api(token, 'GET', '/2/users/me');
    const username = field(field(jsonOf(me), 'data'), 'username');
    if (typeof username !== 'string' || username === '') throw localError('server', 'publish.incomplete-answer', { network: 'X', field: 'data.username' }, me.status);
    return { token, username, account: { name: `@${username}`, url: `https://x.com/${username}` } };
  });

  /** Uploads the images, sets their alt text, and gives their media ids in order. */
  async function upload(token: string, media: readonly OutgoingMedia[]): Promise<string[]> {
    const ids: string[] = [];
    for (const item of media) {
      const bytes = await item.bytes();
      // The one-shot upload takes images only; X itself answers for anything else.
      const answer = await api(token, 'POST', '/2/media/upload', { media: base64(bytes), media_category: 'tweet_image', media_type: item.mime });
      const id = field(field(jsonOf(answer), 'data'), 'id');
      if (typeof id !== 'string') throw localError('server', 'publish.incomplete-upload', { network: 'X', file: item.file, field: 'data.id' }, answer.status);
      if (item.alt !== '') await api(token, 'POST', '/2/media/metadata', { id, metadata: { alt_text: { text: item.alt } } });
      ids.push(id);
    }
    return ids;
  }

  return {
    network: 'x',
    idempotent: false,
    async connect() {
      return (await connected()).account;
    },
    async send(post: Outgoing, sent: (part: SentPart) => Promise<void>) {
      const { token, username } = await connected();
      const from = post.sent.length;
      if (from >= post.parts.length) return;
      // Images belong to the first part: a re-run past it has nothing to upload.
      const mediaIds = from === 0 ? await upload(token, xMedia(post.media)) : [];
      let replyTo = post.sent.at(-1)?.id;
      for (let i = from; i < post.parts.length; i++) {
        const body = xTweetBody(post.parts[i]!, { mediaIds: i === 0 ? mediaIds : [], replyTo, poll: i === 0 ? post.meta.poll : undefined });
        const answer = await api(token, 'POST', '/2/tweets', body);
        const id = field(field(jsonOf(answer), 'data'), 'id');
        // The post exists but its id is unknown: as uncertain as no answer at all.
        if (typeof id !== 'string') throw localError('no-answer', 'publish.no-post-id', { network: 'X', field: 'data.id' }, answer.status);
        await sent({ id, url: `https://x.com/${username}/status/${id}` });
        replyTo = id;
      }
    },
  };
}

/**
 * X's own words for an error answer, from either of its shapes: a problem
 * (`{ title, detail, type, status }`, with `errors: [{ message }]` for invalid requests) or
 * the older `{ errors: [{ code, message }] }`; empty when it gives none.
 */
function xMessage(response: HttpResponse): string {
  const body = jsonOf(response);
  const words: string[] = [];
  const add = (value: unknown) => {
    if (typeof value === 'string' && value !== '' && !words.includes(value)) words.push(value);
  };
  add(field(body, 'detail'));
  const errors = field(body, 'errors');
  if (Array.isArray(errors)) for (const error of errors) add(field(error, 'message') ?? field(error, 'detail'));
  if (words.length === 0) add(field(body, 'title'));
  return words.join(' ');
}
