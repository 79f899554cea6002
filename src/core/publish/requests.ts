import type { CalendarConfig } from '../config';
import type { LintResult } from '../lint';
import type { PlatformId } from '../model';
import { blueskyRecords, pendingImages } from './bluesky';
import { linkedinPostBody, pendingLinkedinImages } from './linkedin';
import { mastodonStatus } from './mastodon';
import { mastodon } from '../platforms/mastodon';
import { pendingXMedia, xTweetBody } from './x';
import { facebookPost } from './facebook';
import { instagramContainer } from './instagram';
import { pendingPublicImages } from './mediaUrl';
import { threadsContainer } from './threads';
import { stableKey } from './keys';
import { webhookBody } from './webhook';
import { resolveMediaPath } from '../rules/mediaFiles';

/**
 * What a post's networks would receive, one request body per thread part, in order, built from
 * the very texts the check measured and by the senders' own builders: Bluesky's
 * `app.bsky.feed.post` records, Mastodon's status parameters, X's `POST /2/tweets` bodies,
 * LinkedIn's Posts API body, the Graph API parameters of Threads and Instagram containers
 * (carousel items shown as their own parameters in `children`) and of a Facebook Page post (the
 * unpublished photos of a multi-photo post shown as theirs in `attached_media`), images at their
 * public address under `mediaBaseUrl`, a webhook's JSON body in its format. Media not uploaded yet, and references to earlier parts of
 * a thread, are shown by what they will be (`{ file }`, `{ file, description }` for Mastodon's
 * `media_ids`, `{ part: 1 }`): a dry run needs no credentials and no network.
 */
export function publishRequests(result: LintResult, config: CalendarConfig): Partial<Record<PlatformId, unknown[]>> {
  const { meta } = result.post;
  const createdAt = meta.date !== undefined ? new Date(meta.date).toISOString() : '';
  const media = meta.media.map((m) => ({ file: m.file, description: m.alt ?? '' }));
  const out: Partial<Record<PlatformId, unknown[]>> = {};
  for (const render of result.renders) {
    const parts = render.parts;
    switch (render.platform) {
      case 'bluesky':
        out.bluesky = blueskyRecords(parts, meta, { createdAt, images: pendingImages(meta.media) }).map((record, i) => (i === 0 ? record : { ...record, reply: { root: { part: 1 }, parent: { part: i } } }));
        break;
      case 'mastodon':
        out.mastodon = parts.map((p, i) => mastodonStatus(p, meta, { media: i === 0 ? media.slice(0, mastodon.media.max) : [], ...(i > 0 ? { inReplyTo: { part: i } } : { poll: meta.poll }) }, config.platforms.mastodon?.visibility));
        break;
      case 'x': {
        const pending = pendingXMedia(meta.media);
        out.x = parts.map((p, i) => xTweetBody(p, { mediaIds: i === 0 ? pending : [], replyTo: i > 0 ? { part: i } : undefined, poll: i === 0 ? meta.poll : undefined }));
        break;
      }
      case 'linkedin': {
        const author = config.platforms.linkedin?.account?.handle ?? 'urn:li:person:(connected account)';
        out.linkedin = parts.slice(0, 1).map((p) => linkedinPostBody(p, author, pendingLinkedinImages(meta.media), meta.poll));
        break;
      }
      case 'threads': {
        const images = pendingPublicImages(result.post.path, meta.media, config.mediaBaseUrl);
        out.threads = parts.map((p, i) => threadsContainer(p, { images: i === 0 ? images : [], replyTo: i > 0 ? { part: i } : undefined }));
        break;
      }
      case 'instagram':
        out.instagram = parts.slice(0, 1).map((p) => instagramContainer(p, { images: pendingPublicImages(result.post.path, meta.media, config.mediaBaseUrl) }));
        break;
      case 'facebook':
        out.facebook = parts.slice(0, 1).map((p) => facebookPost(p, { images: pendingPublicImages(result.post.path, meta.media, config.mediaBaseUrl) }).params);
        break;
      case 'webhook': {
        const format = config.platforms.webhook?.format ?? 'json';
        // The publisher's own key for this post and network, and its calendar-relative media.
        const key = stableKey(result.post.path, 'webhook', meta.dateText ?? '');
        const files = meta.media.flatMap((m) => {
          const file = resolveMediaPath(result.post.path, m.file);
          return file === undefined ? [] : [{ file, alt: m.alt ?? '' }];
        });
        out.webhook = parts.map((p, i) =>
          webhookBody(format, { file: result.post.path, meta, text: p.text, index: i, count: parts.length, media: files, inReplyTo: i > 0 ? { part: i } : null, key }),
        );
        break;
      }
      default:
        break;
    }
  }
  return out;
}
