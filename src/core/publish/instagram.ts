import type { PartDetail } from '../render';
import type { PublicImage } from './mediaUrl';

/** Most images in one carousel the Content Publishing API takes (the app itself allows 20). */
export const INSTAGRAM_CAROUSEL_MAX = 10;

/** The container parameters of one image of an Instagram carousel. */
export interface InstagramCarouselItem<U> {
  readonly image_url: U;
  readonly is_carousel_item: true;
  readonly alt_text?: string;
}

/**
 * The parameters of `POST /{ig-user-id}/media` for a post: one image (`image_url`), or a carousel
 * (`media_type: CAROUSEL` and its `children`: the item containers' ids once created, their
 * parameters in a dry run). The caption is the part's text; Instagram has no threads.
 */
export interface InstagramContainer<U, C> {
  readonly media_type?: 'CAROUSEL';
  readonly image_url?: U;
  readonly alt_text?: string;
  readonly caption?: string;
  readonly children?: readonly C[];
}

/** The images an Instagram post takes through the API, in order: the first `INSTAGRAM_CAROUSEL_MAX` (10). */
export function instagramImages<T>(images: readonly T[]): T[] {
  return images.slice(0, INSTAGRAM_CAROUSEL_MAX);
}

/** The container of one carousel image. */
export function instagramCarouselItem<U>(image: PublicImage<U>): InstagramCarouselItem<U> {
  return { image_url: image.url, is_carousel_item: true, ...(image.alt !== '' ? { alt_text: image.alt } : {}) };
}

/**
 * The container of an Instagram post, from the text the check measured: a single image with its
 * alt text, or a carousel of 2 to 10 images (`children`, by default the items' own parameters, as
 * a dry run shows them). Without images it is a caption alone, which Instagram refuses (the check
 * says so first: `media.required`). The dry run and the sender build their containers here.
 *
 * @example instagramContainer(part, { images: [{ url: 'https://cdn.nova.app/calendar/media/a.jpg', alt: 'Un chat' }] })
 * // { image_url: 'https://cdn.nova.app/calendar/media/a.jpg', alt_text: 'Un chat', caption: 'Nova 2 est là' }
 */
export function instagramContainer<U, C = InstagramCarouselItem<U>>(
  part: PartDetail,
  attach: { readonly images?: readonly PublicImage<U>[]; readonly children?: readonly C[] } = {},
): InstagramContainer<U, C | InstagramCarouselItem<U>> {
  const images = instagramImages(attach.images ?? []);
  const caption = part.text !== '' ? { caption: part.text } : {};
  if (images.length === 1) {
    const image = images[0]!;
    return { image_url: image.url, ...(image.alt !== '' ? { alt_text: image.alt } : {}), ...caption };
  }
  if (images.length > 1) return { media_type: 'CAROUSEL', children: attach.children ?? images.map(instagramCarouselItem), ...caption };
  return caption;
}
