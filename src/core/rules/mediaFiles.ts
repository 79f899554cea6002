import { dirName, joinPath } from '../text/paths';
import type { Rule } from './rule';

/**
 * `media.missing-file`: a media path that does not exist. Paths are relative to the post file,
 * or to the calendar root when they start with `/`; `http(s)://` URLs are not checked.
 */
export const mediaFilesRule: Rule = {
  codes: ['media.missing-file'],
  run({ post, fileExists, report }) {
    if (!fileExists) return;
    for (const entry of post.media) {
      const file = entry.item.file;
      if (/^[a-z][a-z0-9+.-]*:\/\//i.test(file)) continue;
      const path = resolveMediaPath(post.path, file);
      if (fileExists(path)) continue;
      report({ code: 'media.missing-file', severity: 'error', id: 'media.missing-file', params: { file }, start: entry.start, end: entry.fileEnd });
    }
  },
};

/** The calendar-relative path of a media file named in a post at `postPath`. */
export function resolveMediaPath(postPath: string, file: string): string {
  return file.startsWith('/') ? joinPath(file) : joinPath(dirName(postPath), file);
}
