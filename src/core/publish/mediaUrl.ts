import type { MediaItem, PlatformId } from '../model';
import { isMediaLink, resolveMediaPath } from '../rules/mediaFiles';

/**
 * Networks that take no upload of a post's images but fetch them from a public address (Meta's
 * Graph API: Threads and Instagram containers, Facebook's `/photos` by `url`): a calendar's files
 * must be published somewhere, `mediaBaseUrl` says where.
 */
export const URL_MEDIA_NETWORKS: readonly PlatformId[] = ['threads', 'instagram', 'facebook'];

/**
 * The public address of a calendar file: `mediaBaseUrl` (a folder: a missing final `/` is
 * added) followed by the file's calendar-relative path, each segment percent-encoded. The dry
 * run, the `media.no-public-url` rule and the senders all map files to addresses here.
 *
 * @example publicMediaUrl('https://cdn.nova.app/calendar/', 'media/été 2.png')
 * // 'https://cdn.nova.app/calendar/media/%C3%A9t%C3%A9%202.png'
 */
export function publicMediaUrl(base: string, calendarPath: string): string {
  const folder = base.endsWith('/') ? base : `${base}/`;
  return folder + calendarPath.split('/').map(encodeURIComponent).join('/');
}

/** An image as a Graph API network fetches it: its address (`U`: a URL, or a dry run's stand-in) and alt text. */
export interface PublicImage<U = string> {
  readonly url: U;
  readonly alt: string;
}

/**
 * A dry run's images for a post at `postPath`: the calendar files the publisher would hand a
 * sender (links are not sent), each at its public address, or `{ file }` (calendar-relative) when
 * the calendar has no `mediaBaseUrl` (then `media.no-public-url` keeps the post back).
 */
export function pendingPublicImages(postPath: string, media: readonly MediaItem[], base: string | undefined): Array<PublicImage<string | { file: string }>> {
  const out: Array<PublicImage<string | { file: string }>> = [];
  for (const item of media) {
    if (isMediaLink(item.file)) continue;
    const path = resolveMediaPath(postPath, item.file);
    if (path === undefined) continue;
    out.push({ url: base !== undefined ? publicMediaUrl(base, path) : { file: path }, alt: item.alt ?? '' });
  }
  return out;
}
