import { frontmatterFix } from '../frontmatter/fix';
import { message } from '../i18n/messages';
import type { Rule } from './rule';

const IMAGE = /\.(?:png|jpe?g|gif|webp|avif|heic|bmp|tiff?)$/i;

/**
 * `media.alt-missing`: an image without alt text. The fix writes an `alt:` placeholder to fill in,
 * through the frontmatter editor: an empty `alt:` is filled in place, a map gets an `alt` key, and
 * a bare path (`- img.png`) becomes `file:` and `alt:`.
 */
export const mediaAltRule: Rule = {
  codes: ['media.alt-missing'],
  run({ post, config, report }) {
    for (const entry of post.media) {
      if (entry.item.alt !== undefined && entry.item.alt.trim() !== '') continue;
      if (!IMAGE.test(entry.item.file)) continue; // videos carry captions, not alt text
      const alt = message(config.locale, 'placeholder.alt');
      const change = entry.bare
        ? { kind: 'set' as const, path: ['media', entry.index], value: { file: entry.item.file, alt } }
        : { kind: 'set' as const, path: ['media', entry.index, 'alt'], value: alt };
      report({
        code: 'media.alt-missing',
        severity: 'warning',
        id: 'media.alt-missing',
        start: entry.start,
        end: entry.fileEnd,
        fixes: [frontmatterFix(post.text, change, message(config.locale, 'fix.add-alt'))],
      });
    }
  },
};
