import type { PartDetail } from '../render';
import type { PublicImage } from './mediaUrl';

/** A photo uploaded unpublished (`published: false`), to be attached to a multi-photo post. */
export interface FacebookUnpublishedPhoto<U> {
  readonly url: U;
  readonly published: false;
  readonly alt_text_custom?: string;
}

/**
 * What a Page post is sent as: `POST /{page-id}/feed` (a text, with its first link as `link`
 * when it has no image; or, for several images, the photos uploaded unpublished first and
 * attached by `attached_media`, their ids once uploaded, their parameters in a dry run), or
 * `POST /{page-id}/photos` for one image (`url` and `caption`).
 */
export type FacebookRequest<U, P> =
  | { readonly edge: 'feed'; readonly params: { readonly message?: string; readonly link?: string; readonly attached_media?: ReadonlyArray<{ readonly media_fbid: P }> } }
  | { readonly edge: 'photos'; readonly params: { readonly url: U; readonly caption?: string; readonly alt_text_custom?: string } };

/** The parameters of an image uploaded unpublished, for a multi-photo post. */
export function facebookUnpublishedPhoto<U>(image: PublicImage<U>): FacebookUnpublishedPhoto<U> {
  return { url: image.url, published: false, ...(image.alt !== '' ? { alt_text_custom: image.alt } : {}) };
}

/**
 * The request of a Page post (Facebook has no threads: one part), from the text the check
 * measured. The dry run shows `params`; the sender sends them to `edge`.
 *
 * @example facebookPost(part, { images: [] })
 * // { edge: 'feed', params: { message: 'Nova 2 https://nova.app/blog', link: 'https://nova.app/blog' } }
 */
export function facebookPost<U, P = FacebookUnpublishedPhoto<U>>(
  part: PartDetail,
  attach: { readonly images?: readonly PublicImage<U>[]; readonly photos?: readonly P[] } = {},
): FacebookRequest<U, P | FacebookUnpublishedPhoto<U>> {
  const images = attach.images ?? [];
  const message = part.text !== '' ? { message: part.text } : {};
  if (images.length === 1) {
    const image = images[0]!;
    return { edge: 'photos', params: { url: image.url, ...(part.text !== '' ? { caption: part.text } : {}), ...(image.alt !== '' ? { alt_text_custom: image.alt } : {}) } };
  }
  if (images.length > 1) {
    const photos = attach.photos ?? images.map(facebookUnpublishedPhoto);
    return { edge: 'feed', params: { ...message, attached_media: photos.map((p) => ({ media_fbid: p })) } };
  }
  const link = part.linkEntities[0]?.url;
  return { edge: 'feed', params: { ...message, ...(link !== undefined ? { link: /^[a-z][a-z0-9+.-]*:\/\//i.test(link) ? link : `https://${link}` } : {}) } };
}
