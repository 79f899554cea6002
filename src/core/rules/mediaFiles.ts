import { dirName, joinPath } from '../text/paths';
import type { Rule } from './rule';

/**
 * `media.missing-file` and `media.outside-calendar`: media paths are relative to the post file,
 * or to the calendar root when they start with `/`; `http(s)://` links are not looked up. A path
 * that leaves the calendar (`../../etc/passwd`, another scheme such as `file:`, or, as the host
 * finds once symlinks are resolved, a link to a file outside) is an error: publishing uploads media,
 * and nothing outside the calendar may be read.
 */
export const mediaFilesRule: Rule = {
  codes: ['media.missing-file', 'media.outside-calendar'],
  run({ post, media, report }) {
    for (const entry of post.media) {
      const file = entry.item.file;
      if (isMediaLink(file)) continue;
      const path = resolveMediaPath(post.path, file);
      const status = path === undefined ? 'outside' : media?.(path);
      if (status === undefined || status === 'ok') continue;
      const outside = status === 'outside';
      report({
        code: outside ? 'media.outside-calendar' : 'media.missing-file',
        severity: 'error',
        id: outside ? 'media.outside-calendar' : status === 'not-a-file' ? 'media.not-a-file' : 'media.missing-file',
        params: { file },
        start: entry.start,
        end: entry.fileEnd,
      });
    }
  },
};

/** True for media given as an `http(s)://` link: not a file of the calendar, never looked up. */
export function isMediaLink(file: string): boolean {
  return /^https?:\/\//i.test(file);
}

/**
 * The calendar-relative path of a media file named in a post at `postPath`, or undefined when it
 * leaves the calendar (climbs above its root, or names another scheme: `file:`, `C:`). Backslashes
 * count as separators, as they do on Windows.
 *
 * @example resolveMediaPath('posts/2026/a.md', '../../media/x.png') // 'media/x.png'
 * @example resolveMediaPath('posts/a.md', '../../../etc/passwd') // undefined
 */
export function resolveMediaPath(postPath: string, file: string): string | undefined {
  const written = file.replace(/\\/g, '/');
  if (/^[a-z][a-z0-9+.-]*:/i.test(written)) return undefined;
  const path = written.startsWith('/') ? joinPath(written) : joinPath(dirName(postPath), written);
  return path === '' || path === '..' || path.startsWith('../') ? undefined : path;
}
