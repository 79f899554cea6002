import type { SentPart } from '../../core/model';
import { facebookPost, facebookUnpublishedPhoto } from '../../core/publish/facebook';
import { GRAPH_API, graphLogin, nothingPublic, publicImages, text, type GraphClient, type GraphSettings } from './graph';
import { type Account, loginOnce, type Outgoing, type Sender, type SenderPorts, SendError } from './sender';

interface Session {
  readonly client: GraphClient;
  readonly pageId: string;
  readonly account: Account;
}

/**
 * The Facebook Pages sender, on the Graph API's Pages API with a Page access token
 * (`facebook/access-token`, permissions `pages_manage_posts pages_read_engagement`) for the Page
 * `facebook/page-id`. A text goes to `POST /{page-id}/feed` (`message`, and its first link as
 * `link` for the preview), one image to `POST /{page-id}/photos` (`url`, `caption`), several
 * images as a multi-photo post: each uploaded unpublished first (`published: false`), then
 * attached to the feed post (`attached_media`). Facebook fetches images itself: they go by their
 * public address under `mediaBaseUrl`. Facebook has no threads: one part.
 *
 * No idempotency key: the sender is not idempotent (the publisher records `state: sending` first).
 * An unpublished photo is seen by no one: no answer while uploading them is a failure the next
 * run retries; no answer to the call that publishes leaves the post unknown.
 *
 * @example const sender = facebookSender({ ...config.platforms.facebook, mediaBaseUrl: config.mediaBaseUrl }, { http: retrying(new NodeHttp(), clock), secrets, clock })
 */
export function facebookSender(settings: GraphSettings, ports: SenderPorts): Sender {
  const base = settings.service ?? GRAPH_API;

  async function login(): Promise<Session> {
    const { client, id: page } = await graphLogin(ports, base, 'facebook', 'page-id', 'Facebook');
    const pageId = encodeURIComponent(page);
    const name = text(await client.get(`/${pageId}`, { fields: 'name' }), 'name');
    if (!name) throw new SendError('server', 'Facebook answered without the Page\'s name.');
    return { client, pageId, account: { name, url: `https://www.facebook.com/${pageId}` } };
  }

  // One login per run, tried again after a failure.
  const connected = loginOnce(login);

  return {
    network: 'facebook',
    idempotent: false,
    async connect() {
      return (await connected()).account;
    },
    async send(post: Outgoing, sent: (part: SentPart) => Promise<void>) {
      const part = post.parts[0];
      if (part === undefined || post.sent.length > 0) return;
      const images = publicImages(post.media, settings.mediaBaseUrl, 'Facebook');
      const { client, pageId } = await connected();
      const photos: string[] = [];
      if (images.length > 1) {
        for (const image of images) {
          const id = text(await nothingPublic(client.post(`/${pageId}/photos`, facebookUnpublishedPhoto(image))), 'id');
          if (!id) throw new SendError('server', 'Facebook answered without the photo\'s id.');
          photos.push(id);
        }
      }
      const request = facebookPost(part, { images, photos });
      // The one call that makes the post public: no answer to it leaves the post unknown.
      const answer = await client.post(`/${pageId}/${request.edge}`, request.params);
      // A photo's answer names the photo (`id`) and the Page post showing it (`post_id`).
      const id = request.edge === 'photos' ? (text(answer, 'post_id') ?? text(answer, 'id')) : text(answer, 'id');
      if (!id) throw new SendError('no-answer', 'Facebook answered without the post\'s id.');
      await sent({ id, url: `https://www.facebook.com/${id}` });
    },
  };
}
