import type { SentPart } from '../../core/model';
import { threadsCarouselItem, threadsContainer, threadsImages } from '../../core/publish/threads';
import { graphLogin, nothingPublic, publicImages, text, whenProcessed, type ContainerState, type GraphClient, type GraphSettings } from './graph';
import { type Account, loginOnce, type Outgoing, type Sender, type SenderPorts, SendError } from './sender';

/** Where the Threads API is. */
export const THREADS_API = 'https://graph.threads.net/v1.0';

interface Session {
  readonly client: GraphClient;
  readonly userId: string;
  readonly account: Account;
}

/**
 * The Threads sender, on Meta's Threads API with a Threads user access token
 * (`threads/access-token`, scopes `threads_basic threads_content_publish`) for the user
 * `threads/user-id`. Each part is a media container (`POST /{user-id}/threads`: a text, an image,
 * or a carousel of item containers made first), waited for until processed
 * (`GET /{container}?fields=status`), then published (`POST /{user-id}/threads_publish`), each
 * part replying to the one before (`reply_to_id`), the first hashtag as the post's topic tag.
 * Threads fetches images itself: they go by their public address under `mediaBaseUrl`.
 *
 * The Graph API has no idempotency key: the sender is not idempotent, and the publisher records
 * `state: sending` before each part. Only publishing makes a post public: a run stopped between a
 * container and its publication leaves nothing on Threads (the container expires unpublished after
 * 24 hours), which is why no answer to any earlier call is a plain failure retried by the next run,
 * and only no answer to `threads_publish` leaves the post unknown.
 *
 * @example const sender = threadsSender({ ...config.platforms.threads, mediaBaseUrl: config.mediaBaseUrl }, { http: retrying(new NodeHttp(), clock), secrets, clock })
 */
export function threadsSender(settings: GraphSettings, ports: SenderPorts): Sender {
  const base = settings.service ?? THREADS_API;

  async function login(): Promise<Session> {
    const { client, id: userId } = await graphLogin(ports, base, 'threads', 'user-id', 'Threads');
    const me = await client.get('/me', { fields: 'id,username' });
    const id = text(me, 'id');
    const username = text(me, 'username');
    if (!id || !username) throw new SendError('server', 'Threads answered without the account\'s id and username.');
    if (id !== userId) throw new SendError('auth', `The access token is Threads user ${id}'s, not user ${userId}'s (threads/user-id).`);
    return { client, userId: encodeURIComponent(userId), account: { name: `@${username}`, url: `https://www.threads.com/@${username}` } };
  }

  // One login per run, tried again after a failure.
  const connected = loginOnce(login);

  /** Makes a container (nothing public) and gives its id. */
  async function container(client: GraphClient, userId: string, params: object): Promise<string> {
    const answer = await nothingPublic(client.post(`/${userId}/threads`, params));
    const id = text(answer, 'id');
    if (!id) throw new SendError('server', 'Threads answered without the container\'s id.');
    return id;
  }

  async function state(client: GraphClient, id: string): Promise<ContainerState> {
    const answer = await client.get(`/${id}`, { fields: 'status,error_message' });
    const status = text(answer, 'status');
    if (status === 'FINISHED') return { kind: 'ready' };
    if (status === 'IN_PROGRESS') return { kind: 'pending' };
    if (status === 'ERROR') return { kind: 'failed', words: `Threads could not process container ${id}: ${text(answer, 'error_message') ?? status}` };
    return { kind: 'unusable', words: `Threads container ${id} is ${status ?? 'without a status'}.` };
  }

  /** The post's link, when Threads gives it (`permalink`); a post is stored without one otherwise. */
  async function permalink(client: GraphClient, id: string): Promise<string | undefined> {
    try {
      return text(await client.get(`/${id}`, { fields: 'permalink' }), 'permalink');
    } catch (error) {
      if (error instanceof SendError) return undefined;
      throw error;
    }
  }

  return {
    network: 'threads',
    idempotent: false,
    async connect() {
      return (await connected()).account;
    },
    async send(post: Outgoing, sent: (part: SentPart) => Promise<void>) {
      const { client, userId } = await connected();
      const from = post.sent.length;
      if (from >= post.parts.length) return;
      // Images belong to the first part: a re-run past it has none to send.
      const images = from === 0 ? threadsImages(publicImages(post.media, settings.mediaBaseUrl, 'Threads')) : [];
      let replyTo = post.sent.at(-1)?.id;
      for (let i = from; i < post.parts.length; i++) {
        const mine = i === 0 ? images : [];
        const children: string[] = [];
        if (mine.length > 1) for (const image of mine) children.push(await container(client, userId, threadsCarouselItem(image)));
        const id = await container(client, userId, threadsContainer(post.parts[i]!, { images: mine, children, replyTo }));
        await whenProcessed(ports.clock, `Threads container ${id}`, () => state(client, id));
        // The one call that makes the part public: no answer to it leaves the post unknown.
        const answer = await client.post(`/${userId}/threads_publish`, { creation_id: id });
        const postId = text(answer, 'id');
        // The post exists but its id is unknown: as uncertain as no answer at all.
        if (!postId) throw new SendError('no-answer', 'Threads answered without the post\'s id.');
        const url = await permalink(client, postId);
        await sent({ id: postId, ...(url ? { url } : {}) });
        replyTo = postId;
      }
    },
  };
}
