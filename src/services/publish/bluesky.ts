import type { SentPart } from '../../core/model';
import { blueskyFacets } from '../../core/platforms/bluesky';
import type { PlatformSettings } from '../../core/platforms/types';
import type { HttpRequest, HttpResponse } from '../../core/ports';
import { blueskyRecords, type BlueskyRecord, type StrongRef } from '../../core/publish/bluesky';
import { recordKey } from '../../core/publish/keys';
import { linkCard, type LinkCard } from '../../core/publish/openGraph';
import { call, failure, field, jsonBody, jsonOf } from './failures';
import { localError, loginOnce, type Account, type Outgoing, type OutgoingMedia, type Sender, type SenderPorts } from './sender';

/** bsky.social, where accounts live unless `platforms.bluesky.service` names another PDS. */
export const DEFAULT_SERVICE = 'https://bsky.social';

/** What Bluesky's PDS takes for an image blob (pds 0.4 and the app: 1,000,000 bytes). */
export const MAX_IMAGE_BYTES = 1_000_000;

interface Session {
  accessJwt: string;
  refreshJwt: string;
  readonly did: string;
  readonly handle: string;
}

/**
 * Bluesky, through its PDS's XRPC API. One login per run with the app password
 * (`com.atproto.server.createSession`: the 31st login on a handle within minutes gets a 429),
 * refreshed when the access token expires. Each part is written with `putRecord` under a record
 * key derived from the post (see keys.ts): running again after a crash rewrites the same records,
 * so this sender is idempotent.
 */
export function blueskySender(settings: PlatformSettings, ports: SenderPorts): Sender {
  const service = (settings.service ?? DEFAULT_SERVICE).replace(/\/+$/, '');
  /** Every credential this run has held (the app password, the session's tokens): blanked out of every error. */
  const credentials: string[] = [];

  const xrpc = async (request: Omit<HttpRequest, 'url'> & { readonly nsid: string; readonly query?: Record<string, string> }, auth?: string): Promise<HttpResponse> => {
    const query = request.query ? '?' + new URLSearchParams(request.query).toString() : '';
    const { nsid, query: _q, ...rest } = request;
    return call(ports.http, { ...rest, url: `${service}/xrpc/${nsid}${query}`, headers: { ...rest.headers, ...(auth ? { authorization: `Bearer ${auth}` } : {}) } }, credentials);
  };
  /** The error of a failed answer, in the PDS's words: `{ error, message }`. */
  const refused = (response: HttpResponse) => {
    const body = jsonOf(response);
    const words = [field(body, 'error'), field(body, 'message')].filter((w): w is string => typeof w === 'string').join(': ');
    return failure(response, words, ports.clock.now(), credentials);
  };

  const session = loginOnce(async (): Promise<Session> => {
    const identifier = await ports.secrets.get('bluesky', 'identifier');
    const password = await ports.secrets.get('bluesky', 'app-password');
    if (!identifier || !password) throw localError('auth', 'publish.no-credentials', { network: 'Bluesky' });
    credentials.push(password);
    const response = await xrpc({ method: 'POST', nsid: 'com.atproto.server.createSession', ...jsonBody({ identifier, password }) });
    // A wrong password is a 401 with AuthenticationRequired: the same "reconnect" as an expired one.
    if (response.status !== 200) throw refused(response);
    const s = jsonOf(response) as Session;
    credentials.push(s.accessJwt, s.refreshJwt);
    return s;
  });

  /** An authenticated call, refreshing the session once when the access token has expired. */
  const authed = async (request: Parameters<typeof xrpc>[0]): Promise<unknown> => {
    const s = await session();
    let response = await xrpc(request, s.accessJwt);
    if (response.status === 400 && field(jsonOf(response), 'error') === 'ExpiredToken') {
      const refreshed = await xrpc({ method: 'POST', nsid: 'com.atproto.server.refreshSession' }, s.refreshJwt);
      if (refreshed.status !== 200) throw refused(refreshed);
      const tokens = jsonOf(refreshed) as Session;
      s.accessJwt = tokens.accessJwt;
      s.refreshJwt = tokens.refreshJwt;
      credentials.push(s.accessJwt, s.refreshJwt);
      response = await xrpc(request, s.accessJwt);
    }
    if (response.status !== 200) throw refused(response);
    return jsonOf(response);
  };

  const resolve = async (handle: string): Promise<string | undefined> => {
    const response = await xrpc({ method: 'GET', nsid: 'com.atproto.identity.resolveHandle', query: { handle } });
    const did = field(jsonOf(response), 'did');
    return response.status === 200 && typeof did === 'string' ? did : undefined;
  };

  const upload = async (bytes: Uint8Array, mime: string): Promise<unknown> => {
    return field(await authed({ method: 'POST', nsid: 'com.atproto.repo.uploadBlob', body: bytes, headers: { 'content-type': mime } }), 'blob');
  };

  const images = async (media: readonly OutgoingMedia[]) => {
    const out: Array<{ alt: string; image: unknown }> = [];
    for (const m of media.slice(0, 4)) {
      if (!m.mime.startsWith('image/')) throw localError('rejected', 'publish.media-not-image', { file: m.file, network: 'Bluesky' });
      if (m.size > MAX_IMAGE_BYTES) throw localError('rejected', 'publish.media-too-big', { file: m.file, size: m.size, max: MAX_IMAGE_BYTES, network: 'Bluesky' });
      out.push({ alt: m.alt, image: await upload(await m.bytes(), m.mime) });
    }
    return out;
  };

  /** The link card of the first link, when its page answers with Open Graph tags; else none. */
  const card = async (uri: string) => {
    let found: LinkCard | undefined;
    try {
      const page = await ports.http.request({ method: 'GET', url: uri, headers: { accept: 'text/html' } });
      if (page.status === 200) found = linkCard(uri, new TextDecoder().decode(page.body.slice(0, 500_000)));
    } catch {
      return undefined; // unreachable: the post goes out without a card, as the app does
    }
    if (!found) return undefined;
    let thumb: unknown;
    if (found.image) {
      try {
        const image = await ports.http.request({ method: 'GET', url: found.image });
        const mime = image.headers['content-type']?.split(';')[0] ?? '';
        if (image.status === 200 && mime.startsWith('image/') && image.body.length <= MAX_IMAGE_BYTES) thumb = await upload(image.body, mime);
      } catch {
        thumb = undefined;
      }
    }
    return { $type: 'app.bsky.embed.external', external: { uri: found.uri, title: found.title, description: found.description, ...(thumb ? { thumb } : {}) } };
  };

  return {
    network: 'bluesky',
    idempotent: true,
    async connect(): Promise<Account> {
      const s = await session();
      return { name: `@${s.handle}`, url: `https://bsky.app/profile/${s.handle}` };
    },
    async send(post: Outgoing, sent: (part: SentPart) => Promise<void>): Promise<void> {
      const s = await session();
      const handles = new Set(post.parts.flatMap((p) => blueskyFacets(p.text).flatMap((f) => f.features.flatMap((x) => (x.$type === 'app.bsky.richtext.facet#mention' ? [x.did] : [])))));
      const dids = new Map<string, string>();
      for (const handle of handles) {
        const did = await resolve(handle);
        if (did) dids.set(handle, did);
        else post.notice?.('publish.mention-unresolved', { handle });
      }
      const first = post.sent.length === 0;
      const pictures = first && post.media.length > 0 ? await images(post.media) : [];
      const records = blueskyRecords(post.parts, post.meta, { createdAt: new Date(ports.clock.now()).toISOString(), did: (h) => dids.get(h), images: pictures });
      const link = post.parts[0]?.linkEntities[0]?.url;
      if (first && pictures.length === 0 && link) {
        const embed = await card(link);
        if (embed) records[0] = { ...records[0]!, embed };
      }
      const refs: StrongRef[] = post.sent.map((p) => ({ uri: p.id, cid: p.cid ?? '' }));
      const date = post.meta.date ?? ports.clock.now();
      for (let index = post.sent.length; index < records.length; index++) {
        const record: BlueskyRecord = index === 0 ? records[0]! : { ...records[index]!, reply: { root: refs[0]!, parent: refs[index - 1]! } };
        const rkey = recordKey(post.key, date, index);
        const out = (await authed({ method: 'POST', nsid: 'com.atproto.repo.putRecord', ...jsonBody({ repo: s.did, collection: 'app.bsky.feed.post', rkey, record }) })) as StrongRef;
        refs.push({ uri: out.uri, cid: out.cid });
        await sent({ id: out.uri, cid: out.cid, url: `https://bsky.app/profile/${s.handle}/post/${rkey}` });
      }
    },
  };
}
