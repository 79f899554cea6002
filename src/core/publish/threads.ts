import { threads } from '../platforms/threads';
import type { PartDetail } from '../render';
import type { PublicImage } from './mediaUrl';

/** The container parameters of one image of a Threads carousel (`is_carousel_item`). */
export interface ThreadsCarouselItem<U> {
  readonly media_type: 'IMAGE';
  readonly image_url: U;
  readonly is_carousel_item: true;
  readonly alt_text?: string;
}

/**
 * The parameters of `POST /{threads-user-id}/threads` for one part: a text, one image, or a
 * carousel of `children` (the item containers' ids once created, their parameters in a dry run).
 * `R` stands for the post replied to (its id, or `{ part: n }` in a dry run).
 */
export interface ThreadsContainer<U, C, R> {
  readonly media_type: 'TEXT' | 'IMAGE' | 'CAROUSEL';
  readonly text?: string;
  readonly image_url?: U;
  readonly alt_text?: string;
  readonly children?: readonly C[];
  readonly reply_to_id?: R;
  readonly topic_tag?: string;
}

/** A topic tag Threads takes: 1 to 50 characters, without `.` or `&` (assumed from Meta's topic rules). */
const TOPIC = /^[^.&]{1,50}$/u;

/**
 * The part's topic: the first hashtag, the one Threads links (`threads.display.linkedHashtags`,
 * as the preview shows it), when it is one Threads takes; the text keeps every `#word` as written.
 */
export function threadsTopic(part: PartDetail): string | undefined {
  const first = (threads.display.linkedHashtags?.(part.hashtagEntities) ?? part.hashtagEntities)[0];
  return first !== undefined && TOPIC.test(first.tag) ? first.tag : undefined;
}

/** The images a Threads post takes, in order: the first `threads.media.max` (20). */
export function threadsImages<T>(images: readonly T[]): T[] {
  return images.slice(0, threads.media.max);
}

/** The container of one carousel image. */
export function threadsCarouselItem<U>(image: PublicImage<U>): ThreadsCarouselItem<U> {
  return { media_type: 'IMAGE', image_url: image.url, is_carousel_item: true, ...(image.alt !== '' ? { alt_text: image.alt } : {}) };
}

/**
 * The container of a part, from the text the check measured: `TEXT` without images, `IMAGE` for
 * one, `CAROUSEL` for two or more (`children`, by default the items' own parameters, as a dry run
 * shows them), replying to `replyTo` when given, with the part's topic tag. Images go on the first
 * part only (the caller gives none for the others). The dry run and the sender build their
 * containers here.
 *
 * @example threadsContainer(part, { replyTo: '18028…' })
 * // { media_type: 'TEXT', text: 'Deux', reply_to_id: '18028…' }
 */
export function threadsContainer<U, C = ThreadsCarouselItem<U>, R = never>(
  part: PartDetail,
  attach: { readonly images?: readonly PublicImage<U>[]; readonly children?: readonly C[]; readonly replyTo?: R | undefined } = {},
): ThreadsContainer<U, C | ThreadsCarouselItem<U>, R> {
  const images = threadsImages(attach.images ?? []);
  const topic = threadsTopic(part);
  const common = {
    ...(part.text !== '' ? { text: part.text } : {}),
    ...(attach.replyTo !== undefined ? { reply_to_id: attach.replyTo } : {}),
    ...(topic !== undefined ? { topic_tag: topic } : {}),
  };
  if (images.length === 0) return { media_type: 'TEXT', ...common };
  if (images.length === 1) {
    const image = images[0]!;
    return { media_type: 'IMAGE', image_url: image.url, ...(image.alt !== '' ? { alt_text: image.alt } : {}), ...common };
  }
  return { media_type: 'CAROUSEL', children: attach.children ?? images.map(threadsCarouselItem), ...common };
}
