import type { SentPart } from '../../core/model';
import { INSTAGRAM_CAROUSEL_MAX, instagramCarouselItem, instagramContainer } from '../../core/publish/instagram';
import { GRAPH_API, graphLogin, nothingPublic, publicImages, text, whenProcessed, type ContainerState, type GraphClient, type GraphSettings } from './graph';
import { type Account, loginOnce, type Outgoing, type Sender, type SenderPorts, SendError } from './sender';

interface Session {
  readonly client: GraphClient;
  readonly userId: string;
  readonly account: Account;
}

/**
 * The Instagram sender, on the Instagram API with Facebook Login (Graph API) with a user access
 * token (`instagram/access-token`, permissions `instagram_basic instagram_content_publish
 * pages_read_engagement`) for the professional account `instagram/user-id`. A post is one media
 * container (`POST /{ig-user-id}/media`: one image with its alt text, or a carousel of 2 to 10
 * item containers made first), the part's text as caption, waited for until processed
 * (`GET /{container}?fields=status_code`), then published (`POST /{ig-user-id}/media_publish`).
 * Instagram fetches images itself: they go by their public address under `mediaBaseUrl`.
 * Instagram has no threads: one part.
 *
 * No idempotency key: the sender is not idempotent (the publisher records `state: sending` first).
 * A run stopped between the container and its publication leaves nothing on Instagram (the
 * container expires unpublished), so no answer before `media_publish` is a failure the next run
 * retries; no answer to `media_publish` leaves the post unknown.
 *
 * @example const sender = instagramSender({ ...config.platforms.instagram, mediaBaseUrl: config.mediaBaseUrl }, { http: retrying(new NodeHttp(), clock), secrets, clock })
 */
export function instagramSender(settings: GraphSettings, ports: SenderPorts): Sender {
  const base = settings.service ?? GRAPH_API;

  async function login(): Promise<Session> {
    const { client, id: userId } = await graphLogin(ports, base, 'instagram', 'user-id', 'Instagram');
    const username = text(await client.get(`/${encodeURIComponent(userId)}`, { fields: 'username' }), 'username');
    if (!username) throw new SendError('server', 'Instagram answered without the account\'s username.');
    return { client, userId: encodeURIComponent(userId), account: { name: `@${username}`, url: `https://www.instagram.com/${username}/` } };
  }

  // One login per run, tried again after a failure.
  const connected = loginOnce(login);

  async function container(client: GraphClient, userId: string, params: object): Promise<string> {
    const id = text(await nothingPublic(client.post(`/${userId}/media`, params)), 'id');
    if (!id) throw new SendError('server', 'Instagram answered without the container\'s id.');
    return id;
  }

  async function state(client: GraphClient, id: string): Promise<ContainerState> {
    const answer = await client.get(`/${id}`, { fields: 'status_code,status' });
    const code = text(answer, 'status_code');
    if (code === 'FINISHED') return { kind: 'ready' };
    if (code === 'IN_PROGRESS') return { kind: 'pending' };
    // On ERROR, `status` holds Instagram's reason.
    if (code === 'ERROR') return { kind: 'failed', words: `Instagram could not process container ${id}: ${text(answer, 'status') ?? code}` };
    return { kind: 'unusable', words: `Instagram container ${id} is ${code ?? 'without a status'}.` };
  }

  async function permalink(client: GraphClient, id: string): Promise<string | undefined> {
    try {
      return text(await client.get(`/${id}`, { fields: 'permalink' }), 'permalink');
    } catch (error) {
      if (error instanceof SendError) return undefined;
      throw error;
    }
  }

  return {
    network: 'instagram',
    idempotent: false,
    async connect() {
      return (await connected()).account;
    },
    async send(post: Outgoing, sent: (part: SentPart) => Promise<void>) {
      const part = post.parts[0];
      if (part === undefined || post.sent.length > 0) return;
      const images = publicImages(post.media, settings.mediaBaseUrl, 'Instagram');
      // The check says both first (media.required; media.too-many counts the app's 20, the API takes 10).
      if (images.length === 0) throw new SendError('rejected', 'Instagram posts need an image.', undefined, undefined, { id: 'media.required', params: { platform: 'Instagram' } });
      if (images.length > INSTAGRAM_CAROUSEL_MAX) {
        throw new SendError('rejected', `${images.length} images: a carousel published through the API holds at most ${INSTAGRAM_CAROUSEL_MAX}.`, undefined, undefined, { id: 'media.too-many', params: { platform: 'Instagram', count: images.length, max: INSTAGRAM_CAROUSEL_MAX } });
      }
      const { client, userId } = await connected();
      const children: string[] = [];
      if (images.length > 1) for (const image of images) children.push(await container(client, userId, instagramCarouselItem(image)));
      const id = await container(client, userId, instagramContainer(part, { images, children }));
      await whenProcessed(ports.clock, `Instagram container ${id}`, () => state(client, id));
      // The one call that makes the post public: no answer to it leaves the post unknown.
      const postId = text(await client.post(`/${userId}/media_publish`, { creation_id: id }), 'id');
      if (!postId) throw new SendError('no-answer', 'Instagram answered without the post\'s id.');
      const url = await permalink(client, postId);
      await sent({ id: postId, ...(url ? { url } : {}) });
    },
  };
}
